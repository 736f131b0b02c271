package org.rdpdiag.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.rdpdiag.authoring.CaseReader;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.engine.Guarded;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.report.JsonReport;
import org.rdpdiag.report.MarkdownReport;
import org.rdpdiag.report.ReportOptions;
import org.rdpdiag.report.TextReport;
import org.rdpdiag.timing.Phases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rdpdiag diagnose FILE}: one host's facts in, the explained diagnosis and plan out. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Diagnose one host from a facts file (YAML or JSON) and print the decoded error, the ranked "
                + "causes with their evidence, the causes ruled out and the remediation plan.",
                "The facts format is described in docs/facts.md and facts/schema/host-facts.schema.json."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:diagnosis printed", "2:bad usage, bad facts file or bad knowledge base", "3:internal error"})
final class DiagnoseCommand implements Callable<Integer> {
    enum Format { text, json, markdown }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Host facts file (.yaml, .yml or .json).")
    Path file;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--explain", description = "Add the rule trace: which rule fired on which observed values.")
    boolean explain;

    @Option(names = "--brief", description = "Print only the summary: the codes, the three leading causes and the "
            + "next three steps with their commands (text and markdown).")
    boolean brief;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour the text report: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; "
                    + "auto means only on a terminal and never when NO_COLOR is set).")
    Terminal.ColorMode color;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() {
        // The knowledge base is the longest step: it starts first, and the facts are read meanwhile.
        CompletableFuture<KnowledgeBase> kb = knowledge.loadInBackground();
        long phase = Phases.start();
        Vocabulary vocabulary = knowledge.vocabulary();
        Phases.end("vocabulary", phase);
        phase = Phases.start();
        HostFacts facts = CaseReader.factsOf(file, vocabulary);
        Phases.end("facts", phase);
        phase = Phases.start();
        KnowledgeBase loaded = KnowledgeBaseLoader.join(kb);
        Phases.end("waiting for the knowledge base", phase);
        DiagnoseService service = new DiagnoseService(loaded);
        // Guarded: with an author's rules, a rule that never returns must not hang the command.
        Diagnosis diagnosis = Guarded.call(() -> service.diagnose(facts));
        ReportOptions options = new ReportOptions(explain, format == Format.text && Terminal.color(color), file.toString(),
                brief);
        phase = Phases.start();
        String report = switch (format) {
            case text -> TextReport.render(diagnosis, options);
            case json -> JsonReport.render(diagnosis, options);
            case markdown -> MarkdownReport.render(diagnosis, options);
        };
        PrintWriter out = spec.commandLine().getOut();
        Phases.end("report rendered", phase);
        phase = Phases.start();
        out.print(report);
        out.flush();
        Phases.end("report printed", phase);
        return ExitCodes.OK;
    }
}
