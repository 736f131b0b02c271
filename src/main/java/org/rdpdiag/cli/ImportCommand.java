package org.rdpdiag.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rdpdiag.collected.EvidenceReader;
import org.rdpdiag.collected.Importer;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.FactsProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code rdpdiag import EVIDENCE...}: collector evidence in, one host's facts file out. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Turn the evidence written by collect/rdpdiag-host.ps1 and collect/rdpdiag-client.ps1 into a "
                + "facts file that diagnose, ask --facts and batch take, with the source of every value.",
                "Give one host file, one client file, or both (they are merged into the facts of one connection). "
                        + "Items that cannot be used are listed on standard error with their place and left out.",
                "The evidence format is described in docs/collect.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:facts written", "2:bad usage, or a file that is not evidence this version reads", "3:internal error"})
final class ImportCommand implements Callable<Integer> {
    enum Format { yaml, json }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "EVIDENCE", description = "Evidence files (.json): at most one host and one client file.")
    List<Path> files;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the facts here instead of standard output.")
    Path out;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--id", paramLabel = "ID", description = "The facts' id (default: the host's computer name as collected).")
    String id;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() {
        HostFacts facts = importFacts(files, knowledge.vocabulary(), id, spec.commandLine().getErr());
        String text = text(FactValues.nested(facts));
        OutputFile.emit(spec, out, text);
        return ExitCodes.OK;
    }

    /**
     * The facts of one connection from its evidence files; what could not be used is listed on
     * {@code err}, each at its place. The id defaults to the host's computer name as collected.
     */
    static HostFacts importFacts(List<Path> files, Vocabulary vocabulary, String id, PrintWriter err) {
        List<EvidenceReader.Read> reads = new ArrayList<>();
        for (Path file : files) {
            reads.add(EvidenceReader.read(file));
        }
        String name = id != null ? id : Importer.idOf(reads, "imported");
        Importer.Imported imported = Importer.of(reads, vocabulary, name);
        for (FactsProblem p : imported.skipped()) {
            err.println(p.toString().replace(": error: ", ": skipped: "));
        }
        err.flush();
        return imported.facts();
    }

    private String text(Map<String, Object> nested) {
        if (format == Format.json) {
            return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(nested) + "\n";
        }
        // One source per line, unbroken: people read and grep them.
        String yaml = YAMLMapper.builder().disable(tools.jackson.dataformat.yaml.YAMLWriteFeature.SPLIT_LINES).build()
                .writeValueAsString(nested);
        return "# Facts imported by rdpdiag import from collector evidence; 'provenance' says where each value came from.\n"
                + (yaml.startsWith("---\n") ? yaml.substring(4) : yaml);
    }
}
