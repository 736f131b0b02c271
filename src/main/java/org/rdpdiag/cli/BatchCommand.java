package org.rdpdiag.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rdpdiag.batch.BatchListener;
import org.rdpdiag.batch.BatchService;
import org.rdpdiag.batch.BatchSummary;
import org.rdpdiag.batch.InputFormat;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.report.FleetReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rdpdiag batch INPUT... --out FILE}: every host of a fleet export, one result line each. */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Diagnose every host of exported facts and write one result per host, in input order: "
                + "JSON Lines (--out), optionally a CSV summary (--csv) and a self-contained HTML fleet report (--report).",
                "INPUT is a folder of .yaml/.yml/.json facts files (one host each), a JSON Lines file (one host per "
                        + "line), a YAML file (one host per '---' document), a CSV file (header: id and observation paths "
                        + "such as host.tls12ServerEnabled; an empty cell is unknown), or - for standard input.",
                "A record that is not valid facts is written as an error with its file and line, and the run goes on. "
                        + "The format of the results is described in docs/batch.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every record was diagnosed", "1:some records were not diagnosed (invalid facts, or the "
                + "rules of --rules failed on them); they are in the output as errors",
                "2:bad usage (a missing input, an output that cannot be resumed)",
                "3:internal error (including the bundled rules failing on a record)"})
final class BatchCommand implements Callable<Integer> {
    enum Format { auto, jsonl, yaml, csv }

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Folders, files, or - for standard input.")
    List<String> inputs = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true,
            description = "The results, one JSON object per line (- for standard output).")
    String out;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write a one-row-per-host CSV summary.")
    Path csv;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write the HTML fleet report.")
    Path report;

    @Option(names = "--resume", description = "Continue an interrupted run: keep the whole results already in --out "
            + "and diagnose only the records after them (same inputs, same options).")
    boolean resume;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "auto",
            description = "How to read files and standard input: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: "
                    + "by extension, else by content).")
    Format format;

    @Option(names = "--top", paramLabel = "N", defaultValue = "3",
            description = "List at least N causes per host; every confirmed and likely cause is always listed "
                    + "(default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Worker threads (default: one per core).")
    int threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no summary on standard error.")
    boolean quiet;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        boolean toStdout = out.equals("-");
        OutputStream stdout = toStdout ? linesTo(spec.commandLine().getOut()) : null;
        BatchService.Request request = new BatchService.Request(inputs, InputFormat.valueOf(format.name().toUpperCase(Locale.ROOT)),
                main == null ? System.in : main.in(), toStdout ? null : Path.of(out), stdout, csv, report, resume, threads, top);
        BatchService service = new BatchService(new DiagnoseService(knowledge.load()), FleetReport.HTML);
        ProgressDisplay bar = !quiet && Terminal.stderrIsTerminal() ? new ProgressDisplay(err) : null;
        BatchListener listener = bar == null ? BatchListener.NONE : bar;

        // Ctrl-C or a termination signal: stop reading, finish the records under way, so that
        // the outputs end on whole lines; --resume continues from there.
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rdpdiag-batch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            BatchSummary summary = service.run(request, listener, stop);
            if (bar != null) {
                bar.clear();
            }
            if (!quiet) {
                err.println(org.rdpdiag.text.Inert.terminal(summaryLine(summary))); // it names the files given
            }
            err.flush();
            return exitCode(summary);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down (the hook is running): nothing to remove.
            }
        }
    }

    /** Standard output as the command's writer: results are written in whole lines, so each write decodes on its own. */
    private static OutputStream linesTo(PrintWriter writer) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writer.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public void flush() {
                writer.flush();
            }
        };
    }

    private int exitCode(BatchSummary s) {
        if (s.internal() > 0) {
            return ExitCodes.INTERNAL;
        }
        if (s.failed() > 0) {
            // The bundled rules failing on valid facts is a fault of ours; an author's rules are input.
            return knowledge.rules == null ? ExitCodes.INTERNAL : ExitCodes.FINDINGS;
        }
        return s.invalid() > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private String summaryLine(BatchSummary s) {
        List<String> outputs = new ArrayList<>(List.of(out.equals("-") ? "standard output" : out));
        if (csv != null) {
            outputs.add(csv.toString());
        }
        if (report != null && !s.interrupted()) {
            outputs.add(report.toString());
        }
        long own = s.records() - s.resumed();
        String time = String.format(Locale.ROOT, "%.1f s", s.elapsedNanos() / 1e9);
        if (s.interrupted()) {
            return "rdpdiag batch: interrupted after " + ProgressDisplay.number(own) + " records (" + time + "); "
                    + out + " holds " + ProgressDisplay.number(s.records()) + " whole results. Run the same command with "
                    + "--resume to continue.";
        }
        StringBuilder line = new StringBuilder("rdpdiag batch: ").append(ProgressDisplay.number(s.records()))
                .append(s.records() == 1 ? " record" : " records");
        if (s.resumed() > 0) {
            line.append(" (").append(ProgressDisplay.number(s.resumed())).append(" from the interrupted run)");
        }
        line.append(" in ").append(time).append(" (").append(ProgressDisplay.number(Math.round(s.rate()))).append("/s): ")
                .append(ProgressDisplay.number(s.diagnosed())).append(" diagnosed, ")
                .append(ProgressDisplay.number(s.invalid())).append(" invalid, ")
                .append(ProgressDisplay.number(s.failed())).append(" failed -> ").append(String.join(", ", outputs));
        return line.toString();
    }
}
