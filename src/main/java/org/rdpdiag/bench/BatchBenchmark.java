package org.rdpdiag.bench;

import java.io.IOException;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.rdpdiag.batch.BatchListener;
import org.rdpdiag.batch.BatchService;
import org.rdpdiag.batch.BatchSummary;
import org.rdpdiag.batch.InputFormat;

/**
 * Throughput of {@code batch} on a JSON Lines file: (a) reading and validating every record
 * only, the floor under a run, and (b) the whole run (read, validate, diagnose, write the
 * results), both on the same threads and in the same process, alternately, several times.
 * Peak memory is read around each run: the process's resident high-water mark (Linux
 * {@code VmHWM}, reset before each run where the kernel allows) and the peak of the Java heap.
 */
public final class BatchBenchmark {
    /**
     * One timed run.
     *
     * @param peakHeapBytes   the sum of the heap pools' peaks: what the collector let the heap grow to
     * @param retainedBytes   the most heap in use right after a collection: what the run holds on to
     */
    public record Run(String kind, long hosts, long nanos, long peakRssKb, long peakHeapBytes, long retainedBytes) {
        public double hostsPerSecond() {
            return hosts * 1e9 / nanos;
        }
    }

    private final BatchService service;
    private final int threads;

    public BatchBenchmark(BatchService service, int threads) {
        this.service = service;
        this.threads = threads;
    }

    /** (a): read and validate only. */
    public Run readOnly(Path input) throws IOException, InterruptedException {
        resetPeaks();
        AFTER_GC.reset();
        long start = System.nanoTime();
        BatchService.ReadCount count = BatchService.readOnly(List.of(input.toString()), InputFormat.JSONL, null, threads);
        long nanos = System.nanoTime() - start;
        if (count.invalid() > 0) {
            throw new IllegalStateException(count.invalid() + " generated records are not valid facts");
        }
        return new Run("read and validate", count.records(), nanos, peakRssKb(), peakHeap(), AFTER_GC.max());
    }

    /** (b): the whole batch, results to a scratch file that is deleted afterwards. */
    public Run full(Path input, Path scratchDir) throws IOException, InterruptedException {
        Path out = Files.createTempFile(scratchDir, "rdpdiag-bench-", ".jsonl");
        try {
            resetPeaks();
            AFTER_GC.reset();
            long start = System.nanoTime();
            BatchSummary s = service.run(new BatchService.Request(List.of(input.toString()), InputFormat.JSONL, null, out,
                    null, null, null, false, threads, 3), BatchListener.NONE, new AtomicBoolean());
            long nanos = System.nanoTime() - start;
            if (s.diagnosed() != s.records()) {
                throw new IllegalStateException((s.records() - s.diagnosed()) + " generated records were not diagnosed");
            }
            return new Run("full batch", s.records(), nanos, peakRssKb(), peakHeap(), AFTER_GC.max());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public static String line(Run r) {
        return String.format(Locale.ROOT, "%-18s %,10d hosts %8.2f s %,10.0f hosts/s   peak RSS %,d MB   heap peak %,d MB, "
                + "after GC at most %,d MB", r.kind(), r.hosts(), r.nanos() / 1e9, r.hostsPerSecond(), r.peakRssKb() / 1024,
                r.peakHeapBytes() >> 20, r.retainedBytes() >> 20);
    }

    /** The load averages of the machine (Linux), to judge whether it was quiet. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static final AfterGc AFTER_GC = new AfterGc();

    /** Tracks the most heap in use right after a garbage collection (every collector, every pool of the heap). */
    private static final class AfterGc implements NotificationListener {
        private final java.util.Set<String> heapPools = new java.util.HashSet<>();
        private final AtomicLong max = new AtomicLong();

        AfterGc() {
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    heapPools.add(pool.getName());
                }
            }
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    emitter.addNotificationListener(this, null, null);
                }
            }
        }

        @Override
        public void handleNotification(Notification n, Object handback) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long used = 0;
            for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(e.getKey())) {
                    used += e.getValue().getUsed();
                }
            }
            max.accumulateAndGet(used, Math::max);
        }

        void reset() {
            max.set(0);
        }

        long max() {
            return max.get();
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try {
            // Linux: "5" resets the resident-set high-water mark to the current resident size.
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // Not allowed or not Linux: the high-water mark then covers the whole process's life.
        }
    }

    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux.
        }
        return -1;
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
