package org.rdpdiag.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Which knowledge base a benchmark measures: the bundled one, or an author's folder. The same
 * two options as the product's commands, loaded through the product's public loader, so a
 * benchmark sees the rules a user's run would see.
 */
final class KnowledgeChoice {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "Knowledge base folder to use instead of the bundled one (the .drl and .yaml files).")
    Path rules;

    @Option(names = "--no-cache", description = "Compile the rules even when a compiled copy is cached.")
    boolean noCache;

    KnowledgeBase load(CommandSpec spec) {
        if (rules != null && !Files.isDirectory(rules)) {
            throw new ParameterException(spec.commandLine(), "--rules " + rules + ": no such folder");
        }
        KnowledgeBaseLoader loader = noCache ? new KnowledgeBaseLoader(null) : KnowledgeBaseLoader.withDefaultCache();
        return loader.load(rules == null ? KnowledgeSource.bundled() : KnowledgeSource.directory(rules));
    }
}
