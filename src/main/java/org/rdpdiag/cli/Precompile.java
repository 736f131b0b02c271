package org.rdpdiag.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeException;
import org.rdpdiag.knowledge.KnowledgeSource;

/**
 * Build step: compiles the bundled rules into the cache file the jar carries, so that the
 * default knowledge base starts without compiling. Run by Maven in {@code process-classes}.
 * With {@code --check DIR} it only loads a rules folder and reports its problems.
 *
 * <p>A knowledge base with problems does not fail the build here: the jar then simply carries
 * no compiled copy, and the tests (which load the same rules) and the jar's own integration test
 * fail with the located problems. This keeps a half-edited rule from blocking unrelated builds.
 *
 * <p>It lives with the commands because it prints and exits; the work is done by
 * {@link KnowledgeBaseLoader#precompile}.
 */
public final class Precompile {
    private Precompile() {}

    /**
     * Diagnoses every example and case of the project once, so that the strategy learns what each
     * answer makes the bundled rules conclude in the contexts those hosts bring, and writes what it
     * learnt into the jar: a cold start then foresees those answers without a rule session.
     */
    private static void learnAnswerEffects(Path classes, KnowledgeSource source) throws IOException {
        Path effects = classes.resolve(org.rdpdiag.strategy.Strategy.BUNDLED_EFFECTS);
        Files.deleteIfExists(effects);
        org.rdpdiag.diagnosis.DiagnoseService service = new org.rdpdiag.diagnosis.DiagnoseService(
                new KnowledgeBaseLoader(null).load(source));
        int hosts = 0;
        for (String folder : java.util.List.of("facts/examples", "rules/cases")) {
            Path dir = Path.of(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    try {
                        service.diagnose(org.rdpdiag.authoring.CaseReader.factsOf(f));
                        hosts++;
                    } catch (RuntimeException e) {
                        // A file the rules cannot diagnose teaches nothing; the tests report it.
                    }
                }
            }
        }
        Files.createDirectories(effects.getParent());
        Files.write(effects, service.strategy().learntEffects());
        System.out.println("answer effects learnt from " + hosts + " hosts: " + Files.size(effects) / 1024 + " KiB");
    }

    public static void main(String[] args) throws Exception {
        try {
            if (args.length == 2 && "--check".equals(args[0])) {
                KnowledgeBase kb = new KnowledgeBaseLoader(null).load(KnowledgeSource.directory(Path.of(args[1])));
                System.out.println("ok: " + kb.rules().size() + " rules, " + kb.catalog().causes().size() + " causes, "
                        + kb.catalog().fixes().size() + " fixes, " + kb.catalog().checks().size() + " checks");
                return;
            }
            Path classes = Path.of(args[0]);
            KnowledgeSource source = KnowledgeSource.directory(
                    classes.resolve(KnowledgeSource.BUNDLED_ROOT).resolve("rules"), "rules");
            Path target = classes.resolve(KnowledgeBaseLoader.BUNDLED_CACHE);
            Files.deleteIfExists(target);
            try {
                KnowledgeBaseLoader.precompile(source, target);
                source.vocabulary().writeCompiled(classes.resolve(org.rdpdiag.facts.Vocabulary.COMPILED));
                learnAnswerEffects(classes, source);
            } catch (KnowledgeException e) {
                System.err.println("WARNING: the bundled rules were not precompiled; they have problems:");
                System.err.println(e.getMessage());
            }
        } catch (KnowledgeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
