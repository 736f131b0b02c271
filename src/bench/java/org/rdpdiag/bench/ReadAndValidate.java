package org.rdpdiag.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsReader;

/**
 * (a) of the batch benchmark: every record of a JSON Lines file read and validated, nothing
 * diagnosed or written; the floor under a batch run.
 *
 * <p>Batch's own input sources are internal to its package, and the product keeps no method for
 * benchmarks alone, so this cuts the lines itself. What costs the time is the same: each record
 * goes through {@link FactsReader#readRecord}, the call batch's JSON Lines source makes, on as
 * many worker threads as batch uses, handed out in chunks of batch's size while the calling
 * thread reads ahead.
 */
final class ReadAndValidate {
    /** What was read: records, and how many of them were not valid facts. */
    record Count(long records, long invalid) {}

    /** Records per unit of work, as batch hands them to its threads. */
    private static final int CHUNK = 256;
    private static final int BLOCK = 1 << 16;

    private ReadAndValidate() {}

    static Count run(Path input, int threads) throws IOException, InterruptedException {
        int workers = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        String file = input.toString();
        String stem = input.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        LongAdder records = new LongAdder();
        LongAdder invalid = new LongAdder();
        // As batch does, at most a few chunks wait for a thread, so memory does not grow with the file.
        Semaphore inFlight = new Semaphore(2 * workers + 2);
        List<Future<?>> done = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try (InputStream in = Files.newInputStream(input)) {
            Lines lines = new Lines(in);
            List<byte[]> chunk = new ArrayList<>(CHUNK);
            int[] lineNumbers = new int[CHUNK];
            int number = 0;
            for (byte[] line = lines.next(); line != null; line = lines.next()) {
                if (isBlank(line)) {
                    continue;
                }
                lineNumbers[chunk.size()] = lines.lineNumber();
                chunk.add(line);
                number++;
                if (chunk.size() == CHUNK) {
                    inFlight.acquire();
                    done.add(pool.submit(validate(chunk, file, stem, number - CHUNK + 1, lineNumbers, records, invalid, inFlight)));
                    chunk = new ArrayList<>(CHUNK);
                    lineNumbers = new int[CHUNK];
                }
            }
            if (!chunk.isEmpty()) {
                inFlight.acquire();
                done.add(pool.submit(validate(chunk, file, stem, number - chunk.size() + 1, lineNumbers, records, invalid,
                        inFlight)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading " + input + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Count(records.sum(), invalid.sum());
    }

    private static Runnable validate(List<byte[]> chunk, String file, String stem, int firstNumber, int[] lineNumbers,
            LongAdder records, LongAdder invalid, Semaphore inFlight) {
        return () -> {
            try {
                for (int i = 0; i < chunk.size(); i++) {
                    try {
                        FactsReader.readRecord(chunk.get(i), file, FactsReader.Format.JSON, lineNumbers[i],
                                stem + "#" + (firstNumber + i));
                    } catch (FactsException e) {
                        invalid.increment();
                    }
                    records.increment();
                }
            } finally {
                inFlight.release();
            }
        };
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Cuts a stream into lines of bytes (without the line break), reading it in large blocks. */
    private static final class Lines {
        private final InputStream in;
        private final byte[] block = new byte[BLOCK];
        private int pos;
        private int end;
        private int lineNumber;

        Lines(InputStream in) {
            this.in = in;
        }

        /** The next line, or null at the end of the stream. */
        byte[] next() throws IOException {
            byte[] partial = null;
            int partialLength = 0;
            while (true) {
                if (pos == end) {
                    end = in.read(block, 0, BLOCK);
                    pos = 0;
                    if (end <= 0) {
                        end = 0;
                        return partial == null ? null : counted(Arrays.copyOf(partial, partialLength));
                    }
                }
                int start = pos;
                while (pos < end && block[pos] != '\n') {
                    pos++;
                }
                int length = pos - start;
                if (partial == null && pos < end) {
                    pos++;
                    return counted(Arrays.copyOfRange(block, start, start + length));
                }
                if (partial == null) {
                    partial = new byte[Math.max(BLOCK, length * 2)];
                }
                if (partialLength + length > partial.length) {
                    partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + length));
                }
                System.arraycopy(block, start, partial, partialLength, length);
                partialLength += length;
                if (pos < end) {
                    pos++;
                    return counted(Arrays.copyOf(partial, partialLength));
                }
            }
        }

        private byte[] counted(byte[] line) {
            lineNumber++;
            return line;
        }

        /** The number of the line {@link #next} returned last, from 1. */
        int lineNumber() {
            return lineNumber;
        }
    }
}
