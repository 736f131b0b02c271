package org.rdpdiag.batch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.EngineException;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsProblem;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.plan.PlanStep;
import org.rdpdiag.report.FleetReport;

/**
 * Diagnoses every host of the inputs and writes one result line per record, in input order:
 * JSON Lines (the main output), optionally a CSV summary and an HTML fleet report.
 *
 * <p>A record that is not valid facts, or on which the rules fail, becomes an error line with its
 * location and the run goes on. Outputs only ever receive whole lines, the main output last, so
 * after an interruption it tells how far the run got and {@link Request#resume()} continues from
 * there: the records it already holds are skipped (they are counted, not re-read), a partial
 * last line is cut, and the CSV is rebuilt from it.
 */
public final class BatchService {
    /** Records per unit of work handed to a thread; large enough that hand-offs cost little. */
    static final int CHUNK = 256;

    private final DiagnoseService diagnoser;

    public BatchService(DiagnoseService diagnoser) {
        this.diagnoser = Objects.requireNonNull(diagnoser, "diagnoser");
    }

    /**
     * What to run.
     *
     * @param inputs  folders, files, or {@code -} for {@code stdin}
     * @param out     the JSON Lines output, or {@code null} for {@code stdout}
     * @param csv     the CSV summary, or {@code null}
     * @param report  the HTML fleet report, or {@code null}
     * @param resume  continue an interrupted run whose main output is {@code out}
     * @param threads worker threads (0: one per core)
     * @param top     how many causes a result lists at least (all confirmed and likely ones are always listed)
     */
    public record Request(List<String> inputs, InputFormat format, InputStream stdin, Path out, OutputStream stdout,
            Path csv, Path report, boolean resume, int threads, int top) {
        public Request {
            inputs = List.copyOf(inputs);
            format = format == null ? InputFormat.AUTO : format;
            if (top < 1) {
                throw new BatchException.Usage("--top must be at least 1");
            }
            if (threads < 0) {
                throw new BatchException.Usage("--threads must be 0 (one per core) or more");
            }
        }

        int workers() {
            return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        }
    }

    /** The result of one record with its output lines, made on a worker thread. */
    private record Outcome(HostResult result, boolean internal, long consumed, String json, String csv, String staging) {}

    /**
     * Runs a batch. Returns when the input is exhausted, or soon after {@code stop} is set (the
     * records already under way are finished and written first).
     *
     * @throws BatchException.Usage when the request cannot be carried out as asked
     */
    public BatchSummary run(Request req, BatchListener listener, AtomicBoolean stop) throws IOException, InterruptedException {
        checkPaths(req);
        Inputs inputs = Inputs.open(req.inputs(), req.format(), req.stdin());
        Path staging = req.report() == null ? null : FleetReportWriter.stagingFile(req.report());
        long[] totals = new long[4]; // diagnosed, invalid, failed, internal
        long done = 0;
        long skip = 0;
        LineFile out = null;
        LineFile csv = null;
        LineFile stage = null;
        try {
            if (req.resume() && req.out() != null && Files.exists(req.out())) {
                done = LineFile.repairAndCount(req.out());
                replay(req.out(), done, totals, null); // checks the file before any output is touched
                if (req.csv() != null) {
                    csv = LineFile.create(req.csv());
                    replay(req.out(), done, null, csv);
                }
                long staged = staging == null ? done : Math.min(done, LineFile.repairAndCount(staging));
                skip = staged;
                stage = staging == null ? null : LineFile.resume(staging, staged);
                out = LineFile.resume(req.out(), done);
            } else {
                out = req.out() == null ? LineFile.stream(req.stdout(), "standard output") : LineFile.create(req.out());
                csv = req.csv() == null ? null : LineFile.create(req.csv());
                if (csv != null) {
                    csv.append(ResultLines.csvHeader().getBytes(StandardCharsets.UTF_8));
                }
                stage = staging == null ? null : LineFile.create(staging);
            }
            for (long i = 0; i < skip; i++) {
                if (inputs.next() == null) {
                    throw new BatchException.Usage("the inputs hold only " + i + " records, but " + req.out() + " already has "
                            + done + " results: resume with the same inputs as the interrupted run");
                }
            }
            long bytesAtStart = inputs.consumed();
            listener.started(new Progress(0, 0, 0, skip, bytesAtStart, bytesAtStart, inputs.total(), 0));
            ChunkWriter writer = new ChunkWriter(out, csv, stage, done, totals, listener, skip, bytesAtStart, inputs.total());
            boolean report = staging != null;
            OrderedRunner<Outcome> runner = new OrderedRunner<>(req.workers(), CHUNK, 2 * req.workers() + 2);
            boolean complete = runner.run(inputs, skip + 1, (index, record) -> process(index, record, req, report), writer, stop);
            long elapsed = System.nanoTime() - writer.started;
            long written = done + writer.written;
            out.close();
            out = null;
            if (csv != null) {
                csv.close();
                csv = null;
            }
            if (stage != null) {
                stage.close();
                stage = null;
            }
            if (complete && staging != null) {
                FleetReportWriter.assemble(staging, req.report(), diagnoser.knowledgeBase().catalog(),
                        req.inputs(), knowledge(diagnoser.knowledgeBase()),
                        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
            }
            return new BatchSummary(written, done, totals[0], totals[1], totals[2], totals[3], elapsed, !complete);
        } finally {
            closeQuietly(out);
            closeQuietly(csv);
            closeQuietly(stage);
            inputs.close();
        }
    }

    /** What {@link #readOnly} found: records read, and how many of them were not valid facts. */
    public record ReadCount(long records, long invalid) {}

    /**
     * Reads and validates every record of the inputs with the same sources, threads and chunks as
     * {@link #run}, and diagnoses and writes nothing: the floor under a run's throughput.
     */
    public static ReadCount readOnly(List<String> inputs, InputFormat format, InputStream stdin, int threads)
            throws IOException, InterruptedException {
        long[] counts = new long[2];
        try (Inputs source = Inputs.open(inputs, format, stdin)) {
            int workers = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
            new OrderedRunner<Boolean>(workers, CHUNK, 2 * workers + 2).run(source, 1, (index, record) -> {
                try {
                    record.read();
                    return true;
                } catch (FactsException e) {
                    return false;
                }
            }, chunk -> {
                for (Boolean valid : chunk) {
                    counts[0]++;
                    counts[1] += valid ? 0 : 1;
                }
            }, new AtomicBoolean());
        }
        return new ReadCount(counts[0], counts[1]);
    }

    /** Writes each chunk's lines to the outputs, counts, and reports progress. Runs on the calling thread. */
    private static final class ChunkWriter implements OrderedRunner.Writer<Outcome> {
        private final LineFile out;
        private final LineFile csv;
        private final LineFile stage;
        /** Results the main output already held when the run started (resuming). */
        private final long done;
        private final long[] totals;
        private final BatchListener listener;
        private final long skipped;
        private final long bytesAtStart;
        private final long bytesTotal;
        private final long started = System.nanoTime();
        private long processed;
        private long invalid;
        private long failed;
        /** Results this run added to the main output. */
        private long written;

        ChunkWriter(LineFile out, LineFile csv, LineFile stage, long done, long[] totals, BatchListener listener, long skipped,
                long bytesAtStart, long bytesTotal) {
            this.out = out;
            this.csv = csv;
            this.stage = stage;
            this.done = done;
            this.totals = totals;
            this.listener = listener;
            this.skipped = skipped;
            this.bytesAtStart = bytesAtStart;
            this.bytesTotal = bytesTotal;
        }

        @Override
        public void write(List<Outcome> chunk) throws IOException {
            StringBuilder jsonLines = new StringBuilder(chunk.size() * 400);
            StringBuilder csvRows = csv == null ? null : new StringBuilder(chunk.size() * 200);
            StringBuilder stagingLines = stage == null ? null : new StringBuilder(chunk.size() * 4000);
            for (Outcome o : chunk) {
                HostResult r = o.result();
                processed++;
                invalid += r.outcome() == HostResult.Outcome.INVALID ? 1 : 0;
                failed += r.outcome() == HostResult.Outcome.FAILED ? 1 : 0;
                if (stagingLines != null) {
                    stagingLines.append(o.staging());
                }
                if (r.index() <= done) {
                    continue; // already in the main output: only its report section was missing
                }
                jsonLines.append(o.json()).append('\n');
                if (csvRows != null) {
                    csvRows.append(o.csv());
                }
                count(totals, r, o.internal());
                written++;
            }
            // Report and CSV first, the main output last: its length is what resuming trusts.
            if (stagingLines != null) {
                stage.append(stagingLines.toString().getBytes(StandardCharsets.UTF_8));
            }
            if (csvRows != null) {
                csv.append(csvRows.toString().getBytes(StandardCharsets.UTF_8));
            }
            out.append(jsonLines.toString().getBytes(StandardCharsets.UTF_8));
            long consumed = chunk.isEmpty() ? bytesAtStart : chunk.get(chunk.size() - 1).consumed();
            listener.progress(new Progress(processed, invalid, failed, skipped, consumed, bytesAtStart, bytesTotal,
                    System.nanoTime() - started));
        }
    }

    private Outcome process(long index, SourceRecord record, Request req, boolean report) {
        HostResult result;
        boolean internal = false;
        String section = null;
        HostFacts facts = null;
        try {
            facts = record.read();
            Diagnosis d = diagnoser.diagnose(facts);
            result = diagnosed(index, record, d, req.top());
            if (report) {
                section = FleetReport.hostSection(index, record.location(), d);
            }
        } catch (FactsException e) {
            result = new HostResult(index, e.id().orElse(record.defaultId()), record.file(), record.line(),
                    HostResult.Outcome.INVALID, List.of(), List.of(), List.of(), e.problems());
        } catch (EngineException e) {
            result = failed(index, record, facts, "the rules failed on this host: " + e.location() + ": " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            internal = true;
            result = failed(index, record, facts, "internal error while diagnosing this host: " + e);
        }
        if (report && section == null) {
            section = FleetReport.problemSection(index, result.id(), record.location(), result.outcome().word(),
                    result.problems().stream().map(FactsProblem::toString).toList());
        }
        String json = ResultLines.json(result);
        return new Outcome(result, internal, record.consumed(), json, req.csv() == null ? null : ResultLines.csv(result),
                report ? FleetReportWriter.stagingLine(json, section) : null);
    }

    /** The result of a diagnosed record, with the {@code top} leading causes that are still open. */
    public static HostResult diagnosed(long index, SourceRecord record, Diagnosis d, int top) {
        List<HostResult.RankedCause> causes = new ArrayList<>();
        List<String> ruledOut = new ArrayList<>();
        for (CauseAssessment a : d.causes()) {
            boolean decided = a.status() == Status.CONFIRMED || a.status() == Status.LIKELY;
            if (a.status() == Status.RULED_OUT) {
                ruledOut.add(a.cause().id());
            } else if (decided || causes.size() < top) {
                causes.add(new HostResult.RankedCause(a.cause().id(), a.status().word(), a.confidence(), a.conflicting()));
            }
        }
        List<String> plan = new ArrayList<>(d.plan().steps().size());
        for (PlanStep s : d.plan().steps()) {
            plan.add(s.id());
        }
        return new HostResult(index, d.facts().id(), record.file(), record.line(), HostResult.Outcome.DIAGNOSED, causes,
                ruledOut, plan, List.of());
    }

    private static HostResult failed(long index, SourceRecord record, HostFacts facts, String message) {
        String id = facts != null && facts.id() != null ? facts.id() : record.defaultId();
        return new HostResult(index, id, record.file(), record.line(), HostResult.Outcome.FAILED, List.of(), List.of(),
                List.of(), List.of(new FactsProblem(record.file(), record.line(), 1, message, null)));
    }

    private static void count(long[] totals, HostResult r, boolean internal) {
        switch (r.outcome()) {
            case DIAGNOSED -> totals[0]++;
            case INVALID -> totals[1]++;
            case FAILED -> {
                totals[2]++;
                totals[3] += internal ? 1 : 0;
            }
        }
    }

    /**
     * Reads back the results an interrupted run wrote: checks that they are the consecutive
     * results of a run, and counts them into {@code totals} and/or rewrites the CSV summary from
     * them (either may be null).
     */
    private static void replay(Path out, long lines, long[] totals, LineFile csv) throws IOException {
        if (csv != null) {
            csv.append(ResultLines.csvHeader().getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder rows = new StringBuilder();
        try (BufferedReader in = Files.newBufferedReader(out, StandardCharsets.UTF_8)) {
            long n = 0;
            for (String line = in.readLine(); line != null && n < lines; line = in.readLine()) {
                n++;
                HostResult r;
                try {
                    r = ResultLines.parse(line);
                } catch (RuntimeException e) {
                    throw new BatchException.Usage(out + ":" + n + ": not a result line of rdpdiag batch, so the file "
                            + "cannot be resumed; name a new --out or run without --resume");
                }
                if (r.index() != n) {
                    throw new BatchException.Usage(out + ":" + n + ": holds the result of record " + r.index()
                            + ", not of record " + n + ", so the file cannot be resumed; run without --resume");
                }
                if (totals != null) {
                    // A failure recorded by an earlier run counts as a rules failure: whether it was internal is not kept.
                    count(totals, r, false);
                }
                if (csv != null) {
                    rows.append(ResultLines.csv(r));
                    if (rows.length() > 1 << 16) {
                        csv.append(rows.toString().getBytes(StandardCharsets.UTF_8));
                        rows.setLength(0);
                    }
                }
            }
        }
        if (csv != null) {
            csv.append(rows.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void checkPaths(Request req) throws IOException {
        if (req.resume() && req.out() == null) {
            throw new BatchException.Usage("--resume needs --out FILE: standard output cannot be resumed");
        }
        if (req.out() == null && req.stdout() == null) {
            throw new BatchException.Usage("no output: give --out FILE");
        }
        List<Path> outputs = new ArrayList<>();
        for (Path p : new Path[] {req.out(), req.csv(), req.report()}) {
            if (p == null) {
                continue;
            }
            if (Files.isDirectory(p)) {
                throw new BatchException.Usage(p + " is a folder; the outputs are files");
            }
            Path normal = p.toAbsolutePath().normalize();
            if (outputs.contains(normal)) {
                throw new BatchException.Usage(p + " is named for two outputs");
            }
            outputs.add(normal);
        }
        for (String input : req.inputs()) {
            if (!input.equals("-") && outputs.contains(Path.of(input).toAbsolutePath().normalize())) {
                throw new BatchException.Usage(input + " is both an input and an output");
            }
        }
    }

    private static String knowledge(KnowledgeBase kb) {
        return kb.fingerprint().substring(0, Math.min(12, kb.fingerprint().length())) + " (" + kb.origin() + ", "
                + kb.rules().size() + " rules, " + kb.catalog().causes().size() + " causes)";
    }

    private static void closeQuietly(LineFile f) {
        if (f != null) {
            try {
                f.close();
            } catch (IOException e) {
                // Already failing: the first error is the one to report.
            }
        }
    }
}
