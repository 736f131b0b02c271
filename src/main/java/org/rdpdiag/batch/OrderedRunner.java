package org.rdpdiag.batch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a function over every record of a source on all cores and hands the results to a writer
 * in input order, with bounded memory.
 *
 * <p>A reader thread cuts the input into chunks and submits each to the worker pool; the futures
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

    /**
     * Runs until the source is exhausted or {@code stop} is set; after a stop, the writer returns
     * after the chunk it is writing, so the output ends on a whole chunk and nothing after it.
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
        Thread reader = new Thread(() -> read(source, firstIndex, work, pool, queue, stop, exhausted), "rdpdiag-batch-reader");
        reader.setDaemon(true);
        reader.start();
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
                if (stop.get()) {
                    // Stop at this chunk boundary; the chunks still queued are dropped, not written.
                    return false;
                }
            }
        } finally {
            reader.interrupt();
            pool.shutdownNow();
        }
    }

    private void read(RecordSource source, long firstIndex, Work<T> work, ExecutorService pool,
            BlockingQueue<CompletableFuture<List<Object>>> queue, AtomicBoolean stop, AtomicBoolean exhausted) {
        long index = firstIndex;
        try {
            boolean more = true;
            while (more && !stop.get()) {
                List<SourceRecord> chunk = new ArrayList<>(chunkSize);
                while (chunk.size() < chunkSize) {
                    SourceRecord r = source.next();
                    if (r == null) {
                        more = false;
                        exhausted.set(true);
                        break;
                    }
                    chunk.add(r);
                }
                if (chunk.isEmpty()) {
                    break;
                }
                long first = index;
                index += chunk.size();
                queue.put(CompletableFuture.supplyAsync(() -> {
                    List<Object> out = new ArrayList<>(chunk.size());
                    for (int i = 0; i < chunk.size(); i++) {
                        out.add(work.apply(first + i, chunk.get(i)));
                    }
                    return out;
                }, pool));
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the writer has stopped: nobody waits for more
        } catch (Throwable t) {
            try {
                queue.put(CompletableFuture.failedFuture(t));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
