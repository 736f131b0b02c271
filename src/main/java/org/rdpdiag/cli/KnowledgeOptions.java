package org.rdpdiag.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeSource;
import picocli.CommandLine.Option;

/** The options every command that needs the knowledge base shares. */
final class KnowledgeOptions {
    @Option(names = "--rules", paramLabel = "DIR",
            description = "Knowledge base folder to use instead of the bundled one (the .drl and .yaml files).")
    Path rules;

    @Option(names = "--no-cache", description = "Compile the rules even when a compiled copy is cached.")
    boolean noCache;

    /** The bundled knowledge base, loading since {@code main} started (see {@link #prefetchBundled}), or null. */
    private static volatile CompletableFuture<KnowledgeBase> prefetched;

    /**
     * Starts loading the bundled knowledge base before the command line is parsed, for a command
     * that will need it: parsing and loading then overlap. Only from {@code main}, where one
     * command runs and exits.
     */
    static void prefetchBundled() {
        prefetched = CompletableFuture.supplyAsync(() -> KnowledgeBaseLoader.withDefaultCache().load(KnowledgeSource.bundled()));
    }

    /** Starts loading in the background, so the caller can read its input meanwhile. */
    CompletableFuture<KnowledgeBase> loadInBackground() {
        CompletableFuture<KnowledgeBase> early = prefetched;
        if (rules == null && early != null) {
            prefetched = null;
            return early;
        }
        return CompletableFuture.supplyAsync(this::load);
    }

    KnowledgeBase load() {
        checkFolder();
        KnowledgeBaseLoader loader = noCache ? new KnowledgeBaseLoader(null) : KnowledgeBaseLoader.withDefaultCache();
        return loader.load(rules == null ? KnowledgeSource.bundled() : KnowledgeSource.directory(rules));
    }

    /**
     * The observations facts are read with: the vocabulary of {@code --rules}, else the bundled
     * one. Cheap, so facts are read (and their mistakes reported) while the rules load.
     */
    Vocabulary vocabulary() {
        if (rules == null) {
            return Vocabulary.bundled();
        }
        checkFolder();
        return KnowledgeSource.directory(rules).vocabulary();
    }

    private void checkFolder() {
        if (rules != null && !Files.isDirectory(rules)) {
            throw new Failures.UsageException("--rules " + rules + ": no such folder");
        }
        if (rules != null) {
            RulesFolder.requireKnowledge(rules, "--rules " + rules);
        }
    }
}
