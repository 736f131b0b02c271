package org.rdpdiag.batch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a function over every record of a source on all cores and hands the results to a writer
 * in input order, with bounded memory.
 *
 * <p>A source thread takes the records from the input, a reader thread cuts them into chunks
 * (handing out a partly filled chunk when the input stalls) and submits each to the worker pool; the futures
 * go into a bounded queue in input order, and the calling thread takes them from its head, waits
 * for each, and writes it. When the writer falls behind the queue fills and the reader waits, so
 * at most {@code chunksAhead} chunks are in memory whatever the input size. Chunks also keep the
 * hand-offs between threads few.
 *
 * @param <T> the result of one record
 */
final class OrderedRunner<T> {
    /** The work on one record; {@code index} is its position in the run, from 1. */
    @FunctionalInterface
    interface Work<T> {
        T apply(long index, SourceRecord record);
    }

    /** Receives the results of one chunk, in input order. */
    @FunctionalInterface
    interface Writer<T> {
        void write(List<T> results) throws IOException;
    }

    private static final CompletableFuture<List<Object>> END = CompletableFuture.completedFuture(List.of());

    private final int threads;
    private final int chunkSize;
    private final int chunksAhead;

    OrderedRunner(int threads, int chunkSize, int chunksAhead) {
        if (threads < 1 || chunkSize < 1 || chunksAhead < 1) {
            throw new IllegalArgumentException("threads, chunk size and chunks ahead must be at least 1");
        }
        this.threads = threads;
        this.chunkSize = chunkSize;
        this.chunksAhead = chunksAhead;
    }

    /** How long a partly filled chunk waits for more records before it is handed out anyway. */
    static final long STALL_MILLIS = 200;

    /**
     * Runs until the source is exhausted or {@code stop} is set. After a stop no further record
     * is taken from the source, and every record already taken, including those of a chunk still
     * being filled, is processed and written: the output ends on a whole record and loses nothing
     * that was read.
     *
     * @param firstIndex the index of the source's first record (later than 1 when resuming)
     * @return true when the whole source was processed, false after a stop
     */
    @SuppressWarnings("unchecked")
    boolean run(RecordSource source, long firstIndex, Work<T> work, Writer<T> writer, AtomicBoolean stop)
            throws IOException, InterruptedException {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rdpdiag-batch-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        BlockingQueue<CompletableFuture<List<Object>>> queue = new ArrayBlockingQueue<>(chunksAhead);
        AtomicBoolean exhausted = new AtomicBoolean();
        // Two threads read: one pulls records from the source and may block on a stalled pipe for
        // ever; the other cuts chunks with a time-out, so a stall or a stop never holds back the
        // records already read.
        BlockingQueue<Object> records = new ArrayBlockingQueue<>(chunkSize * 2);
        Thread puller = new Thread(() -> pull(source, records, stop), "rdpdiag-batch-source");
        puller.setDaemon(true);
        Thread chunker = new Thread(() -> chunk(records, firstIndex, work, pool, queue, stop, exhausted),
                "rdpdiag-batch-reader");
        chunker.setDaemon(true);
        puller.start();
        chunker.start();
        try {
            while (true) {
                CompletableFuture<List<Object>> next = queue.take();
                if (next == END) {
                    return exhausted.get();
                }
                List<Object> results;
                try {
                    results = next.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
                writer.write((List<T>) results);
            }
        } finally {
            chunker.interrupt();
            puller.interrupt();
            pool.shutdownNow();
        }
    }

    /** Marks the end of the source in the record queue. */
    private static final Object NO_MORE = new Object();

    /** Moves records from the source to the queue until the source ends, fails, or a stop is asked. */
    private static void pull(RecordSource source, BlockingQueue<Object> records, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                SourceRecord r = source.next();
                if (r == null) {
                    records.put(NO_MORE);
                    return;
                }
                records.put(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run is over: nobody takes more records
        } catch (Throwable t) {
            try {
                records.put(t);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void chunk(BlockingQueue<Object> records, long firstIndex, Work<T> work, ExecutorService pool,
            BlockingQueue<CompletableFuture<List<Object>>> queue, AtomicBoolean stop, AtomicBoolean exhausted) {
        long index = firstIndex;
        List<SourceRecord> chunk = new ArrayList<>(chunkSize);
        try {
            while (true) {
                Object next = records.poll(STALL_MILLIS, TimeUnit.MILLISECONDS);
                if (next instanceof SourceRecord r) {
                    chunk.add(r);
                    if (chunk.size() < chunkSize) {
                        continue;
                    }
                } else if (next == NO_MORE) {
                    exhausted.set(true);
                } else if (next instanceof Throwable t) {
                    queue.put(CompletableFuture.failedFuture(t));
                    return;
                } else if (!stop.get() && chunk.isEmpty()) {
                    continue; // nothing read yet, nothing to hand out
                }
                if (!chunk.isEmpty()) {
                    List<SourceRecord> full = chunk;
                    long first = index;
                    index += full.size();
                    chunk = new ArrayList<>(chunkSize);
                    queue.put(CompletableFuture.supplyAsync(() -> {
                        List<Object> out = new ArrayList<>(full.size());
                        for (int i = 0; i < full.size(); i++) {
                            out.add(work.apply(first + i, full.get(i)));
                        }
                        return out;
                    }, pool));
                }
                if (next == NO_MORE || (stop.get() && records.isEmpty())) {
                    break;
                }
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the writer has stopped: nobody waits for more
        }
    }
}
