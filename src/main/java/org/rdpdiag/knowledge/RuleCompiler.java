package org.rdpdiag.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.compiler.builder.InternalKnowledgeBuilder;
import org.drools.wiring.api.classloader.ProjectClassLoader;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.KnowledgeBuilderResult;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;
import org.rdpdiag.facts.Vocabulary;

/**
 * Compiles the DRL files of a knowledge source into packages, or reports every error located. The
 * fact types of the observation vocabulary are declared in every compilation, so that each rule
 * file compiles alone.
 */
final class RuleCompiler {
    private static final Pattern LINE_COL = Pattern.compile("\\[?Line (\\d+):(\\d+)");

    /**
     * Compiled rules and the byte code of the fact types declared for them, by class name: a
     * compiled package refers to those classes by name, so reading it back needs them defined first.
     */
    record Compiled(Collection<KiePackage> packages, Map<String, byte[]> classes, ClassLoader loader) {
        /** Packages compiled in this process: their fact types are loaded already. */
        Compiled(Collection<KiePackage> packages, Map<String, byte[]> classes) {
            this(packages, classes, null);
        }
    }

    private RuleCompiler() {}

    static Compiled compile(KnowledgeSource source, Vocabulary vocabulary) {
        return compile(source, vocabulary, source.drlFiles());
    }

    /** Compiles some of a source's files; each DRL file is its own package, so any subset compiles alone. */
    static Compiled compile(KnowledgeSource source, Vocabulary vocabulary, List<Path> files) {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        String declared = source.display(source.root().resolve(Vocabulary.FILE_NAME)) + " (fact types)";
        builder.add(ResourceFactory.newByteArrayResource(vocabulary.declarations().getBytes(StandardCharsets.UTF_8))
                .setSourcePath(declared), ResourceType.DRL);
        Map<String, String> texts = new HashMap<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builder.add(ResourceFactory.newByteArrayResource(bytes).setSourcePath(source.display(file)),
                    ResourceType.DRL);
            texts.put(source.display(file), new String(bytes, StandardCharsets.UTF_8));
        }
        List<KnowledgeProblem> problems = new ArrayList<>();
        for (KnowledgeBuilderResult r : builder.getResults(ResultSeverity.ERROR)) {
            problems.add(toProblem(r));
        }
        // Drools adds "Parser returned a null Package" at line 1 whenever it gave up on a file;
        // the real error is reported beside it, so the echo only hides it from an editor.
        List<KnowledgeProblem> echoes = problems.stream().filter(p -> p.message().contains("Parser returned a null Package")
                && problems.stream().anyMatch(o -> o != p && o.file().equals(p.file()))).toList();
        problems.removeAll(echoes);
        texts.forEach((file, text) -> locateMissingEnd(file, text, problems));
        if (!problems.isEmpty()) {
            throw new KnowledgeException(problems);
        }
        return new Compiled(builder.getKnowledgePackages(), declaredClasses(builder, vocabulary));
    }

    private static Map<String, byte[]> declaredClasses(KnowledgeBuilder builder, Vocabulary vocabulary) {
        Map<String, byte[]> out = new HashMap<>();
        ClassLoader loader = ((InternalKnowledgeBuilder) builder).getRootClassLoader();
        if (loader instanceof ProjectClassLoader project) {
            for (Vocabulary.Section s : vocabulary.sections()) {
                String name = Vocabulary.FACT_PACKAGE + "." + s.type();
                byte[] bytes = s.builtIn() ? null : project.getStore().get(name.replace('.', '/') + ".class");
                if (bytes != null) {
                    out.put(name, bytes);
                }
            }
        }
        return out;
    }

    /**
     * Without its {@code end}, a rule runs into the next one, and the parser complains only
     * there, several lines later. When a file has errors and a rule in it is never closed, its
     * errors from that rule on are replaced by one at the rule itself.
     */
    private static void locateMissingEnd(String file, String text, List<KnowledgeProblem> problems) {
        if (problems.stream().noneMatch(p -> p.file().equals(file))) {
            return;
        }
        // Only a rule whose 'then' was seen: an unbalanced bracket also leaves a rule open, and
        // then the parser's own position is the better one.
        DrlOutline.rules(text).stream().filter(r -> !r.closed() && r.consequence() != null).findFirst().ifPresent(r -> {
            problems.removeIf(p -> p.file().equals(file) && p.line() >= r.start().line());
            problems.add(KnowledgeProblem.error(file, r.start().line(), r.start().column(), "rule \"" + r.name()
                    + "\" is not closed: add 'end' after its consequence"));
        });
    }

    private static KnowledgeProblem toProblem(KnowledgeBuilderResult r) {
        String file = r.getResource() == null || r.getResource().getSourcePath() == null
                ? "rules" : r.getResource().getSourcePath();
        int line = r.getLines() != null && r.getLines().length > 0 ? r.getLines()[0] : 0;
        int col = 0;
        String message = r.getMessage() == null ? "" : r.getMessage().strip();
        Matcher m = LINE_COL.matcher(message);
        if (m.find()) {
            line = Integer.parseInt(m.group(1));
            col = Integer.parseInt(m.group(2)) + 1;
        }
        // Drools appends a second, redundant error whenever the parser gave up on a file.
        message = message.replace("\n", " ").replaceAll("\\s+", " ");
        return KnowledgeProblem.error(file, line, col, message);
    }
}
