package org.rdpdiag.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.Callable;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.report.JsonReport;
import org.rdpdiag.report.MarkdownReport;
import org.rdpdiag.report.ReportOptions;
import org.rdpdiag.report.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Build step, hidden from users: one representative run (read YAML and JSON facts, load the
 * bundled rules, diagnose, render every format) whose loaded classes become the class-data
 * archive next to the jar.
 */
@Command(name = "train-startup", hidden = true, mixinStandardHelpOptions = true, description = "Build step: the training run for the class-data archive.")
final class TrainCommand implements Callable<Integer> {
    private static final String YAML = """
            id: training
            error: {mainCode: "0x904", extendedCode: "0x7", timing: after-credentials}
            host: {tls12ServerEnabled: false, certificateState: expired, eventIdsSeen: [36871]}
            network: {lanWorks: true}
            """;
    private static final String JSON = "{\"id\": \"training\", \"host\": {\"nlaRequired\": true}}";

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() {
        DiagnoseService service = new DiagnoseService(knowledge.load());
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        for (HostFacts facts : List.of(FactsReader.read(YAML, "training.yaml", FactsReader.Format.YAML),
                FactsReader.read(JSON, "training.json", FactsReader.Format.JSON))) {
            Diagnosis d = service.diagnose(facts);
            sink.print(TextReport.render(d, new ReportOptions(true, true, "training")));
            sink.print(JsonReport.render(d, new ReportOptions(true, false, "training")));
            sink.print(MarkdownReport.render(d, new ReportOptions(true, false, "training")));
        }
        sink.flush();
        return ExitCodes.OK;
    }
}
