package org.rdpdiag.knowledge;

import java.nio.file.Path;

/**
 * Build step: compiles the bundled rules into the cache file the jar carries, so that the
 * default knowledge base starts without compiling. Run by Maven in {@code process-classes}.
 */
public final class Precompile {
    private Precompile() {}

    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        KnowledgeSource source = KnowledgeSource.directory(classes.resolve(KnowledgeSource.BUNDLED_ROOT).resolve("rules"));
        try {
            KnowledgeBaseLoader.precompile(source, classes.resolve(KnowledgeBaseLoader.BUNDLED_CACHE));
        } catch (KnowledgeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
