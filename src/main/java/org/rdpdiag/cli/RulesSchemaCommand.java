package org.rdpdiag.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.report.VocabularyDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rdpdiag rules schema [DIR]}: what the observation vocabulary publishes. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Write the facts schema (JSON Schema) that the observation vocabulary of a rules folder "
                + "(its observations.yaml) defines: the file facts/schema/host-facts.schema.json is this output for "
                + "the bundled rules. With --doc, write the field tables of docs/facts.md instead.",
                "DIR is a rules folder; without it, the bundled knowledge base."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:bad usage or a vocabulary with mistakes (each located)", "3:internal error"})
final class RulesSchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "Rules folder whose vocabulary to write (default: the bundled one); the same as --rules DIR.")
    Path dir;

    @Option(names = "--doc", description = "Write the Markdown field tables for docs/facts.md instead of the schema.")
    boolean doc;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() {
        if (dir != null) {
            if (knowledge.rules != null) {
                throw new Failures.UsageException("name the rules folder once: as DIR or with --rules, not both");
            }
            knowledge.rules = dir;
        }
        Vocabulary vocabulary = knowledge.vocabulary();
        String text = doc ? VocabularyDocument.markdown(vocabulary) : vocabulary.schemaText();
        OutputFile.emit(spec, out, text);
        return ExitCodes.OK;
    }
}
