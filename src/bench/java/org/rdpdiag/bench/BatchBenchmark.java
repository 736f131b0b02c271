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
import java.nio.charset.StandardCharsets;
import org.rdpdiag.batch.BatchListener;
import org.rdpdiag.batch.BatchService;
import org.rdpdiag.batch.BatchSummary;
import org.rdpdiag.batch.InputFormat;
import org.kie.api.runtime.KieSession;
import org.rdpdiag.batch.ResultLines;
import org.rdpdiag.batch.SourceRecord;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.Engine;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.KnowledgeBase;

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
        ReadAndValidate.Count count = ReadAndValidate.run(input, threads);
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

    /**
     * Where one host's processor time goes, measured on one thread over the first hosts of the
     * file, each stage looped over all of them in turn: reading and validating the record, the
     * rule session alone ({@link #ruleSessionAlone}), the whole diagnosis (rule session,
     * recording the firings, assessment, plan) and the result line. Medians of {@code passes}
     * passes, after as many passes to warm up.
     *
     * <p>With the same number of threads on every stage, (b)/(a) is about
     * {@code read / (read + diagnosis + line)}: half needs the diagnosis and its line to cost no
     * more than reading the record.
     */
    public record Breakdown(int hosts, int passes, double readMicros, double rulesMicros, double diagnosisMicros,
            double lineMicros, double firings) {
        public double expectedRatio() {
            return readMicros / (readMicros + diagnosisMicros + lineMicros);
        }
    }

    public static Breakdown breakdown(DiagnoseService service, Path input, int hosts, int passes) throws IOException {
        List<byte[]> lines = new ArrayList<>(hosts);
        try (var reader = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String line;
            while (lines.size() < hosts && (line = reader.readLine()) != null) {
                lines.add(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        int n = lines.size();
        if (n == 0) {
            throw new IllegalStateException(input + " has no records");
        }
        String file = input.getFileName().toString();
        HostFacts[] facts = new HostFacts[n];
        SourceRecord[] records = new SourceRecord[n];
        KnowledgeBase kb = service.knowledgeBase();
        List<Double> read = new ArrayList<>();
        List<Double> rules = new ArrayList<>();
        List<Double> diagnosis = new ArrayList<>();
        List<Double> line = new ArrayList<>();
        long firings = 0;
        for (int pass = 0; pass < 2 * passes; pass++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                byte[] bytes = lines.get(i);
                String id = "host-" + (i + 1);
                int lineNumber = i + 1;
                records[i] = new SourceRecord(file, lineNumber, lineNumber, id, 0,
                        () -> FactsReader.readRecord(bytes, file, FactsReader.Format.JSON, lineNumber, id));
                facts[i] = records[i].read();
            }
            long t1 = System.nanoTime();
            firings = 0;
            for (int i = 0; i < n; i++) {
                firings += ruleSessionAlone(kb, facts[i]);
            }
            long t2 = System.nanoTime();
            // One diagnosis at a time, its line right after: holding thousands of diagnoses would
            // not fit the heap batch runs with.
            long diagnosing = 0;
            long writing = 0;
            long chars = 0;
            for (int i = 0; i < n; i++) {
                long d0 = System.nanoTime();
                Diagnosis d = service.diagnose(facts[i]);
                long d1 = System.nanoTime();
                chars += ResultLines.json(BatchService.diagnosed(i + 1, records[i], d, 3)).length();
                diagnosing += d1 - d0;
                writing += System.nanoTime() - d1;
            }
            if (pass >= passes && chars > 0) {
                read.add((t1 - t0) / 1e3 / n);
                rules.add((t2 - t1) / 1e3 / n);
                diagnosis.add(diagnosing / 1e3 / n);
                line.add(writing / 1e3 / n);
            }
        }
        return new Breakdown(n, passes, median(read), median(rules), median(diagnosis), median(line), (double) firings / n);
    }

    /**
     * Only the rule session of a diagnosis: a new session, the facts inserted, every rule fired
     * with its consequence, nothing recorded or assessed; the floor under every diagnosis with
     * this knowledge base. Returns the number of firings. It does what {@link Engine#run} does
     * with a session, through the knowledge base's public rule base, less the registration with
     * the watchdog of the time budget (a set insertion and removal) and the firing recorder.
     */
    /**
     * The facts a session holds for a host, built here as the engine builds them (the tool's error
     * report and one object of each declared fact type), so that the rule session is timed alone.
     */
    private static List<Object> sessionFacts(KnowledgeBase kb, HostFacts facts) {
        org.rdpdiag.facts.Vocabulary vocabulary = kb.vocabulary();
        List<Object> out = new java.util.ArrayList<>();
        for (org.rdpdiag.facts.Vocabulary.Section s : vocabulary.sections()) {
            if (s.builtIn()) {
                out.add(facts.error());
                continue;
            }
            org.kie.api.definition.type.FactType type = kb.kieBase().getFactType(org.rdpdiag.facts.Vocabulary.FACT_PACKAGE, s.type());
            try {
                Object fact = type.newInstance();
                // Unknown fields are set to null too: a declared type starts a Boolean at false.
                for (int i = s.first(); i < s.end(); i++) {
                    type.set(fact, vocabulary.pathAt(i).substring(s.name().length() + 1), facts.observations().get(i));
                }
                out.add(fact);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    public static int ruleSessionAlone(KnowledgeBase kb, HostFacts facts) {
        KieSession session = kb.kieBase().newKieSession();
        try {
            sessionFacts(kb, facts).forEach(session::insert);
            return session.fireAllRules(Engine.FIRING_LIMIT);
        } finally {
            session.dispose();
        }
    }

    public static List<String> lines(Breakdown b) {
        return List.of(
                String.format(Locale.ROOT, "where one host's processor time goes (one thread, the file's first %,d hosts, "
                        + "median of %d passes):", b.hosts(), b.passes()),
                String.format(Locale.ROOT, "  read and validate    %7.1f us", b.readMicros()),
                String.format(Locale.ROOT, "  rule session alone   %7.1f us   (new session, facts inserted, %.1f rules fired "
                        + "with their conclusions; nothing recorded)", b.rulesMicros(), b.firings()),
                String.format(Locale.ROOT, "  whole diagnosis      %7.1f us   (the rule session, recording each firing, "
                        + "assessment, plan)", b.diagnosisMicros()),
                String.format(Locale.ROOT, "  result line          %7.1f us", b.lineMicros()),
                String.format(Locale.ROOT, "  (b)/(a) these costs allow: %.2f; for 0.5 the diagnosis and its line may cost "
                        + "%.1f us, and the rule session alone costs %.1f times that", b.expectedRatio(), b.readMicros(),
                        b.rulesMicros() / b.readMicros()));
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
