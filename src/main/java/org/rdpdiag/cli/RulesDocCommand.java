package org.rdpdiag.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeSource;
import org.rdpdiag.report.CatalogDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rdpdiag rules doc [DIR]}: the knowledge catalogue as a document for reviewers. */
@Command(name = "doc", mixinStandardHelpOptions = true,
        description = {"Write the knowledge catalogue for reviewers: every cause with the rules that weigh it "
                + "(file:line, weight), the checks for its observations and its fixes in the order a plan gives "
                + "them (where they run, commands, risks, restart, warning, rollback, how to verify), sources and "
                + "claim status, what each costs; then escalation and prevention, an index of fixes and checks, the "
                + "cost model's defaults, the policies, the seed pairs with "
                + "the entries that cite them, the code table and what the seeds claim about the codes.",
                "DIR is a rules folder (the .drl and .yaml files); without it, the bundled knowledge base."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:catalogue written", "2:bad usage or bad knowledge base", "3:internal error"})
final class RulesDocCommand implements Callable<Integer> {
    enum Format { markdown, html }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "Knowledge base folder to document (default: the bundled one); the same as --rules DIR.")
    Path dir;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "markdown",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); html is one "
                    + "self-contained page.")
    Format format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the catalogue to FILE instead of "
            + "standard output.")
    Path out;

    @Mixin
    KnowledgeOptions knowledge;

    /** Almost always a wrong folder; an empty catalogue would look like a successful run. */
    private static Failures.UsageException nothingToDocument(String source) {
        return new Failures.UsageException(source + ": no causes and no rules to document (DIR is the folder that "
                + "holds the .drl and .yaml files)");
    }

    @Override
    public Integer call() {
        if (dir != null) {
            if (knowledge.rules != null) {
                throw new Failures.UsageException("name the rules folder once: as DIR or with --rules, not both");
            }
            if (!Files.isDirectory(dir)) {
                throw new Failures.UsageException(dir + ": no such folder (DIR is the folder that holds the .drl and "
                        + ".yaml files)");
            }
            knowledge.rules = dir;
        }
        String source = knowledge.rules == null ? "rules (bundled)" : knowledge.rules.toString();
        if (knowledge.rules != null && !KnowledgeSource.directory(knowledge.rules).holdsKnowledge()) {
            throw nothingToDocument(source);
        }
        KnowledgeBase kb = knowledge.load();
        if (kb.catalog().causes().isEmpty() && kb.rules().isEmpty()) {
            throw nothingToDocument(source);
        }
        String document = format == Format.html ? CatalogDocument.html(kb, source) : CatalogDocument.markdown(kb, source);
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(document);
        } else {
            OutputFile.write(out, document);
            stdout.println("Wrote " + out + " (" + format + "): " + kb.catalog().causes().size() + " causes, "
                    + kb.catalog().fixes().size() + " fixes.");
        }
        stdout.flush();
        return ExitCodes.OK;
    }
}
