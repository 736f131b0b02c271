package org.rdpdiag.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rdpdiag.authoring.KnowledgeLint;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeSource;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The rules folder an author's command works on: {@code [DIR]}, by default {@code rules} here or the bundled one. */
final class RulesFolder {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "Rules folder (default: ./rules when it exists, else the bundled knowledge base).")
    Path dir;

    @Option(names = "--no-cache", description = "Compile the rules even when a compiled copy is cached.")
    boolean noCache;

    Path resolved() {
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                throw new Failures.UsageException(dir + ": no such folder (expected a rules folder with .drl and .yaml files)");
            }
            requireKnowledge(dir, dir.toString());
            return dir;
        }
        Path here = Path.of("rules");
        return Files.isDirectory(here) ? here : null;
    }

    /**
     * An empty folder is bad usage rather than a knowledge base without findings: it is most
     * likely the wrong path, and checking it would pass with nothing checked.
     */
    static void requireKnowledge(Path dir, String shownAs) {
        if (!KnowledgeSource.directory(dir).holdsKnowledge()) {
            throw new Failures.UsageException(shownAs + ": the folder holds no rules (no .drl or .yaml file); give the "
                    + "folder that holds the knowledge base, such as rules");
        }
    }

    KnowledgeSource source() {
        Path d = resolved();
        return d == null ? KnowledgeSource.bundled() : KnowledgeSource.directory(d);
    }

    /** Where the case library is looked for: DIR/cases, or ./rules/cases for the bundled rules. */
    java.nio.file.Path casesRoot() {
        Path d = resolved();
        return d == null ? Path.of("rules") : d;
    }

    String label() {
        Path d = resolved();
        return d == null ? "bundled rules" : d.toString();
    }

    KnowledgeBaseLoader loader() {
        return noCache ? new KnowledgeBaseLoader(null) : KnowledgeBaseLoader.withDefaultCache();
    }

    static String summary(String label, KnowledgeLint.Result r) {
        String kb = r.knowledgeBase() == null ? "does not load"
                : r.knowledgeBase().rules().size() + " rules, " + r.knowledgeBase().catalog().causes().size() + " causes, "
                        + r.knowledgeBase().catalog().fixes().size() + " fixes, "
                        + r.knowledgeBase().catalog().questions().size() + " questions";
        return label + ": " + kb + "; " + r.errors() + " error" + (r.errors() == 1 ? "" : "s") + ", " + r.warnings()
                + " warning" + (r.warnings() == 1 ? "" : "s");
    }
}
