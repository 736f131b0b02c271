package org.rdpdiag.batch;

import org.rdpdiag.facts.IoReason;
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

/**
 * Diagnoses every host of the inputs and writes one result line per record, in input order:
 * JSON Lines (the main output), optionally a CSV summary and an HTML fleet report.
 *
 * <p>A record that is not valid facts, or on which the rules fail, becomes an error line with its
 * location and the run goes on. Outputs only ever receive whole lines, the main output last, so
 * after an interruption it tells how far the run got and {@link Request#resume()} continues from
 * there: the records it already holds are skipped (they are counted, not re-read), a partial
 * last line is cut, and the CSV is rebuilt from it.
 *
 * <p>Over 400 lines because starting, resuming and finishing a run share one set of outputs
 * whose order of writing is what makes resuming safe; splitting it would spread that order
 * over several classes.
 */
public final class BatchService {
    /** Records per unit of work handed to a thread; large enough that hand-offs cost little. */
    static final int CHUNK = 256;

    private final DiagnoseService diagnoser;
    private final FleetRenderer renderer;

    /** A service that writes no fleet report: a request with {@link Request#report()} is refused. */
    public BatchService(DiagnoseService diagnoser) {
        this(diagnoser, null);
    }

    /** @param renderer how the fleet report looks, or {@code null} when no report will be asked for */
    public BatchService(DiagnoseService diagnoser, FleetRenderer renderer) {
        this.diagnoser = Objects.requireNonNull(diagnoser, "diagnoser");
        this.renderer = renderer;
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
     * records already read are finished and written first).
     *
     * @throws BatchException.Usage when the request cannot be carried out as asked; nothing was
     *                              written or changed then
     * @throws BatchException.Output when an output could not be written during the run (a full
     *                              disk); the results so far are kept for {@code --resume}
     */
    public BatchSummary run(Request req, BatchListener listener, AtomicBoolean stop) throws IOException, InterruptedException {
        if (req.report() != null && renderer == null) {
            throw new BatchException.Usage("this batch service was made without a fleet report renderer, so it cannot write "
                    + req.report());
        }
        RunOutputs outputs = RunOutputs.resolve(req, req.stdin() == System.in);
        Path staging = req.report() == null ? null : FleetReportWriter.stagingFile(req.report());
        Inputs inputs = Inputs.open(req.inputs(), req.format(), req.stdin(), outputs.ownFiles(staging),
                diagnoser.knowledgeBase().vocabulary());
        String run = runFingerprint(req);
        Counts resumed;
        long done;
        long skip = 0;
        LineFile out = null;
        LineFile stage = null;
        try {
            outputs.open(req.resume(), run);
            done = outputs.resumed().lines();
            resumed = outputs.resumed().counts();
            out = req.out() == null ? LineFile.stream(req.stdout(), "standard output") : outputs.results;
            LineFile csv = outputs.csvLines;
            if (csv != null) {
                csv.append(ResultLines.csvHeader().getBytes(StandardCharsets.UTF_8));
                if (done > 0) {
                    rebuildCsv(outputs.resultsFile(), done, csv);
                }
            }
            if (staging != null) {
                long staged = done > 0 && Files.exists(staging) && sameRun(staging, run)
                        ? Math.min(done, LineFile.repairAndCount(staging)) : 0;
                skip = staged;
                stage = staged > 0 ? LineFile.resume(staging, staged) : createStaging(staging, req.report());
            } else {
                skip = done;
            }
            for (long i = 0; i < skip; i++) {
                if (inputs.next() == null) {
                    throw new BatchException.Usage("the inputs hold only " + i + " records, but " + req.out() + " already has "
                            + done + " results: resume with the same inputs as the interrupted run");
                }
            }
            long bytesAtStart = inputs.consumed();
            listener.started(new Progress(0, 0, 0, skip, bytesAtStart, bytesAtStart, inputs.total(), 0));
            ChunkWriter writer = new ChunkWriter(out, csv, stage, done, resumed, listener, skip, bytesAtStart, inputs.total());
            boolean report = staging != null;
            OrderedRunner<Outcome> runner = new OrderedRunner<>(req.workers(), CHUNK, 2 * req.workers() + 2);
            boolean complete;
            try {
                complete = runner.run(inputs, skip + 1, (index, record) -> process(index, record, req, report, run), writer,
                        stop);
            } catch (LineFile.WriteFailed e) {
                throw outputFailed(e, outputs, req);
            }
            long elapsed = System.nanoTime() - writer.started;
            long written = done + writer.written;
            if (req.out() == null) {
                out.close();
            }
            out = null;
            if (stage != null) {
                stage.close();
                stage = null;
            }
            outputs.commit();
            if (complete && staging != null) {
                try {
                    FleetReportWriter.assemble(renderer, staging, req.report(), diagnoser.knowledgeBase().catalog(),
                            req.inputs(), knowledge(diagnoser.knowledgeBase()),
                            ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
                } catch (IOException e) {
                    throw new BatchException.Output("cannot write " + req.report() + ": " + IoReason.of(e)
                            + (IoReason.diskFull(e) ? ". Free some space, then" : ". Once that is fixed,")
                            + " run the same command with --resume: the results are complete in " + req.out()
                            + " and the report is rebuilt from " + staging);
                }
            }
            Counts totals = writer.totals;
            return new BatchSummary(written, done, totals.diagnosed(), totals.invalid(), totals.failed(), totals.internal(), elapsed,
                    !complete);
        } finally {
            if (out != null && req.out() == null) {
                closeQuietly(out);
            }
            closeQuietly(stage);
            outputs.close();
            inputs.close();
        }
    }

    /**
     * The identity of a run: what it reads, how, and with which knowledge. Written on every
     * result line, so that {@code --resume} continues only the results of the same run.
     */
    String runFingerprint(Request req) throws IOException {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            StringBuilder id = new StringBuilder("rdpdiag-batch-run/1\n");
            for (String input : req.inputs()) {
                id.append(input.equals("-") ? "-" : Path.of(input).toRealPath().toString()).append('\n');
            }
            id.append(req.format()).append('\n').append(req.top()).append('\n')
                    .append(diagnoser.knowledgeBase().fingerprint());
            byte[] hash = digest.digest(id.toString().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether a staging file was written by the same run (its first line carries the run). */
    private static boolean sameRun(Path staging, String run) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(staging, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null) {
                return false;
            }
            int tab = first.indexOf('\t');
            return run.equals(ResultLines.parseWithRun(tab < 0 ? first : first.substring(0, tab)).run());
        } catch (RuntimeException | java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static LineFile createStaging(Path staging, Path report) {
        try {
            return LineFile.create(staging);
        } catch (IOException e) {
            throw new BatchException.Usage("cannot write " + report + " (its working file " + staging + "): "
                    + IoReason.of(e));
        }
    }

    /** A failed write during the run, as the user can act on it: which file, why, and how to go on. */
    private static BatchException.Output outputFailed(LineFile.WriteFailed e, RunOutputs outputs, Request req) {
        StringBuilder m = new StringBuilder("cannot write ").append(e.getMessage());
        if (e.diskFull()) {
            m.append(". Free some space");
        }
        if (req.out() != null) {
            m.append(e.diskFull() ? ", then" : ". Once that is fixed,").append(" run the same command with --resume to continue: ")
                    .append("the whole results written so far are kept in ").append(outputs.resultsFile());
            if (!outputs.resultsFile().equals(outputs.outReal())) {
                m.append(", and ").append(req.out()).append(" was left as it was");
            }
        }
        return new BatchException.Output(m.toString());
    }

    /** Writes each chunk's lines to the outputs, counts, and reports progress. Runs on the calling thread. */
    private static final class ChunkWriter implements OrderedRunner.Writer<Outcome> {
        private final LineFile out;
        private final LineFile csv;
        private final LineFile stage;
        /** Results the main output already held when the run started (resuming). */
        private final long done;
        /** The results of the main output so far, those of a resumed run's start included. */
        private Counts totals;
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

        ChunkWriter(LineFile out, LineFile csv, LineFile stage, long done, Counts totals, BatchListener listener, long skipped,
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
                totals = totals.plus(r, o.internal());
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

    private Outcome process(long index, SourceRecord record, Request req, boolean report, String run) {
        HostResult result;
        boolean internal = false;
        String section = null;
        HostFacts facts = null;
        try {
            facts = record.read();
            Diagnosis d = diagnoser.diagnose(facts);
            result = diagnosed(index, record, d, req.top());
            if (report) {
                section = renderer.section(new FleetRenderer.Diagnosed(index, record.location(), d));
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
            section = renderer.section(new FleetRenderer.Undiagnosed(index, result.id(), record.location(), result.outcome(),
                    result.problems().stream().map(FactsProblem::toString).toList()));
        }
        String json = ResultLines.json(result, run);
        return new Outcome(result, internal, record.consumed(), json, req.csv() == null ? null : ResultLines.csv(result),
                report ? FleetReportWriter.stagingLine(json, section) : null);
    }

    /** The result of a diagnosed record, with the {@code top} leading causes that are still open. */
    public static HostResult diagnosed(long index, SourceRecord record, Diagnosis d, int top) {
        List<HostResult.RankedCause> causes = new ArrayList<>();
        List<String> ruledOut = new ArrayList<>();
        for (CauseAssessment a : d.causes()) {
            // A contradicted cause is only possible, so this keeps every confirmed and likely one.
            boolean decided = org.rdpdiag.strategy.Standing.established(a);
            if (a.status() == Status.RULED_OUT) {
                ruledOut.add(a.cause().id());
            } else if (decided || causes.size() < top) {
                causes.add(new HostResult.RankedCause(a.cause().id(), a.status(), a.confidence(), a.conflicting()));
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

    /** Writes the CSV rows of the results a resumed run starts from (already checked). */
    private static void rebuildCsv(Path results, long lines, LineFile csv) throws IOException {
        StringBuilder rows = new StringBuilder();
        try (BufferedReader in = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            long n = 0;
            for (String line = in.readLine(); line != null && n < lines; line = in.readLine()) {
                n++;
                rows.append(ResultLines.csv(ResultLines.parse(line)));
                if (rows.length() > 1 << 16) {
                    csv.append(rows.toString().getBytes(StandardCharsets.UTF_8));
                    rows.setLength(0);
                }
            }
        }
        csv.append(rows.toString().getBytes(StandardCharsets.UTF_8));
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
