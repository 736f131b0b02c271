package org.rdpdiag.authoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsProblem;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Hints;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.knowledge.KnowledgeException;
import org.rdpdiag.knowledge.KnowledgeProblem;
import org.rdpdiag.knowledge.KnowledgeSource;
import org.rdpdiag.knowledge.YamlLocations;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads case files ({@code rules/cases/*.yaml}). A case that cannot be read is reported with the
 * line to edit, like any other knowledge problem, and does not stop the other cases.
 */
public final class CaseReader {
    /** Built on first use: commands that only peek at a facts file should not pay for Jackson's YAML. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = YAMLMapper.builder().build();
    }
    private static final Set<String> TOP = Set.of("description", "facts", "factsFile", "expect");
    private static final Set<String> EXPECT = Set.of("causes", "notConfirmed", "topCause", "plan", "interview", "setAside", "noKnownCause");
    private static final Set<String> PLAN = Set.of("startsWith", "includes", "excludes", "order");
    private static final Set<String> INTERVIEW = Set.of("maxQuestions", "topCause");
    private static final Set<String> STATUSES = Set.of("confirmed", "likely", "possible", "ruled_out");

    /** Every case of a folder, and the problems of the files that could not be read. */
    public record Library(List<CaseSpec> cases, List<KnowledgeProblem> problems) {}

    private CaseReader() {}

    /**
     * The case library of a rules folder: its {@code cases} subfolder, empty when there is none.
     * The cases' facts are read with the folder's vocabulary.
     */
    public static Library library(Path rulesDir) {
        return library(rulesDir, KnowledgeSource.directory(rulesDir).vocabulary());
    }

    /** The case library of a rules folder, its facts read with {@code vocabulary}. */
    public static Library library(Path rulesDir, Vocabulary vocabulary) {
        Path dir = rulesDir.resolve("cases");
        List<CaseSpec> cases = new ArrayList<>();
        List<KnowledgeProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Library(List.of(), List.of());
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            return new Library(List.of(), List.of(KnowledgeProblem.error(dir.toString(), 0, 0, "cannot list: " + e.getMessage())));
        }
        for (Path f : files) {
            try {
                cases.add(read(f, vocabulary));
            } catch (KnowledgeException e) {
                problems.addAll(e.problems());
            }
        }
        return new Library(List.copyOf(cases), List.copyOf(problems));
    }

    private static final java.util.regex.Pattern CASE_KEY = java.util.regex.Pattern.compile("(?m)^(facts|factsFile|expect)\\s*:");

    /**
     * The facts of a facts file or of a case file, so that every command that takes a host can
     * also take a recorded case. Problems come as a {@link FactsException}, located in the file.
     */
    public static HostFacts factsOf(Path file) {
        return factsOf(file, Vocabulary.bundled());
    }

    /** The facts of a facts file or of a case file, read with a knowledge base's vocabulary. */
    public static HostFacts factsOf(Path file, Vocabulary vocabulary) {
        String name = file.getFileName().toString();
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        try {
            String text = yaml && Files.isRegularFile(file) && Files.size(file) <= FactsReader.MAX_BYTES
                    ? Files.readString(file) : null;
            if (text != null && CASE_KEY.matcher(text).find()) {
                try {
                    return read(file, text, vocabulary).facts();
                } catch (KnowledgeException e) {
                    throw new FactsException(e.problems().stream()
                            .map(k -> new FactsProblem(k.file(), Math.max(1, k.line()), Math.max(1, k.column()), k.message(), null))
                            .toList());
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // Not readable as text: the facts reader says why, located.
        }
        return FactsReader.read(file, vocabulary);
    }

    /** Reads one case file with the bundled vocabulary; throws {@link KnowledgeException} with every problem located. */
    public static CaseSpec read(Path file) {
        return read(file, Vocabulary.bundled());
    }

    /** Reads one case file; throws {@link KnowledgeException} with every problem located. */
    public static CaseSpec read(Path file, Vocabulary vocabulary) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new KnowledgeException(List.of(KnowledgeProblem.error(file.toString(), 0, 0, "cannot read: " + e.getMessage())));
        }
        return read(file, text, vocabulary);
    }

    private static CaseSpec read(Path file, String text, Vocabulary vocabulary) {
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String where = file.toString();
        JsonNode root;
        try {
            root = Yaml.MAPPER.readTree(text);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            throw new KnowledgeException(List.of(KnowledgeProblem.error(where, loc == null ? 0 : loc.getLineNr(),
                    loc == null ? 0 : loc.getColumnNr(), "not valid YAML: " + e.getOriginalMessage())));
        }
        Problems p = new Problems(where, YamlLocations.of(text));
        if (root == null || !root.isObject()) {
            p.add(List.of(), "a case is a mapping with facts (or factsFile) and expect");
            throw p.exception();
        }
        p.keys(root, List.of(), TOP);
        HostFacts facts = null;
        if (root.has("facts") == root.has("factsFile")) {
            p.add(List.of(), "a case needs exactly one of facts (inline) or factsFile (a path relative to the case)");
        } else if (root.has("factsFile")) {
            Path ff = file.toAbsolutePath().getParent().resolve(root.get("factsFile").asString()).normalize();
            if (!Files.isRegularFile(ff)) {
                p.add(List.of("factsFile"), "factsFile " + root.get("factsFile").asString() + " does not exist (resolved to " + ff + ")");
            } else {
                facts = p.facts(() -> FactsReader.read(ff, vocabulary));
            }
        } else {
            String factsOnly = factsBlock(text);
            facts = factsOnly == null ? null : p.facts(() -> FactsReader.read(factsOnly, where, FactsReader.Format.YAML, vocabulary));
            if (factsOnly == null) {
                p.add(List.of("facts"), "write facts as a block under 'facts:' (or as a flow mapping on its line)");
            }
        }
        JsonNode expect = root.path("expect");
        Map<String, Integer> lines = new LinkedHashMap<>();
        Map<String, String> causes = new LinkedHashMap<>();
        if (!expect.isMissingNode()) {
            p.keys(expect, List.of("expect"), EXPECT);
            expect.path("causes").properties().forEach(e -> {
                String status = e.getValue().asString("");
                lines.put("causes." + e.getKey(), p.line(List.of("expect", "causes", e.getKey())));
                if (!STATUSES.contains(status)) {
                    p.add(List.of("expect", "causes", e.getKey()), "status '" + status + "' must be one of "
                            + String.join(", ", new java.util.TreeSet<>(STATUSES)));
                }
                causes.put(e.getKey(), status);
            });
            p.keys(expect.path("plan"), List.of("expect", "plan"), PLAN);
            p.keys(expect.path("interview"), List.of("expect", "interview"), INTERVIEW);
        }
        List<String> notConfirmed = p.words(expect, List.of("expect", "notConfirmed"), lines);
        List<String> startsWith = p.words(expect.path("plan"), List.of("expect", "plan", "startsWith"), lines);
        List<String> includes = p.words(expect.path("plan"), List.of("expect", "plan", "includes"), lines);
        List<String> excludes = p.words(expect.path("plan"), List.of("expect", "plan", "excludes"), lines);
        List<CaseSpec.Order> order = new ArrayList<>();
        List<String> orderWords = p.words(expect.path("plan"), List.of("expect", "plan", "order"), lines);
        for (int i = 0; i < orderWords.size(); i++) {
            String[] parts = orderWords.get(i).trim().split("\\s+before\\s+");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                p.add(List.of("expect", "plan", "order", i), "an order is written 'step-a before step-b', not '"
                        + orderWords.get(i) + "'");
            } else {
                order.add(new CaseSpec.Order(parts[0].trim(), parts[1].trim()));
            }
        }
        Integer max = null;
        JsonNode mq = expect.path("interview").path("maxQuestions");
        if (!mq.isMissingNode()) {
            lines.put("interview.maxQuestions", p.line(List.of("expect", "interview", "maxQuestions")));
            if (mq.isInt() && mq.asInt() >= 0) {
                max = mq.asInt();
            } else {
                p.add(List.of("expect", "interview", "maxQuestions"), "maxQuestions must be a whole number of at least 0");
            }
        }
        List<String> setAside = expect.has("setAside") ? p.words(expect, List.of("expect", "setAside"), lines) : null;
        lines.put("setAside", p.line(List.of("expect", "setAside")));
        Boolean noKnownCause = null;
        JsonNode nkc = expect.path("noKnownCause");
        if (!nkc.isMissingNode()) {
            lines.put("noKnownCause", p.line(List.of("expect", "noKnownCause")));
            if (nkc.isBoolean()) {
                noKnownCause = nkc.asBoolean();
            } else {
                p.add(List.of("expect", "noKnownCause"), "noKnownCause must be true or false");
            }
        }
        String top = text(expect, "topCause");
        lines.put("topCause", p.line(List.of("expect", "topCause")));
        String interviewTop = text(expect.path("interview"), "topCause");
        lines.put("interview.topCause", p.line(List.of("expect", "interview", "topCause")));
        p.throwIfAny();
        if (facts.id() == null || facts.id().isBlank()) {
            facts = new HostFacts(name, facts.observations(), facts.tried(), facts.answeredUnknown(), facts.rechecked());
        }
        return new CaseSpec(file, name, root.path("description").asString(null), facts,
                new CaseSpec.Expectations(causes, notConfirmed, top, startsWith, includes, excludes, order, max, interviewTop,
                        setAside, noKnownCause),
                lines);
    }

    private static String text(JsonNode node, String key) {
        return node.hasNonNull(key) ? node.get(key).asString() : null;
    }

    /**
     * The case file with everything but the {@code facts} value blanked out, so that the facts
     * reader's lines and columns are those of the case file itself. Null when the facts are not
     * written as a block or flow mapping under a top-level {@code facts:} key.
     */
    static String factsBlock(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        boolean found = false;
        for (String line : lines) {
            boolean topLevel = !line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#");
            if (topLevel) {
                inside = line.startsWith("facts:");
                if (inside) {
                    found = true;
                    // Keep a flow mapping written on the key's own line, at its own column.
                    out.append(" ".repeat("facts:".length())).append(line.substring("facts:".length()));
                    out.append('\n');
                    continue;
                }
            }
            out.append(inside ? line : "").append('\n');
        }
        return found ? out.toString() : null;
    }

    /** Collects the problems of one case file, located by their path in the YAML. */
    private static final class Problems {
        private final String file;
        private final YamlLocations locations;
        private final List<KnowledgeProblem> list = new ArrayList<>();

        Problems(String file, YamlLocations locations) {
            this.file = file;
            this.locations = locations;
        }

        int line(List<Object> path) {
            return locations.find(path).line();
        }

        void add(List<Object> path, String message) {
            YamlLocations.Position at = locations.find(path);
            list.add(KnowledgeProblem.error(file, at.line(), at.column(), message));
        }

        void keys(JsonNode node, List<Object> path, Set<String> allowed) {
            if (node == null || !node.isObject()) {
                return;
            }
            for (String key : node.propertyNames()) {
                if (!allowed.contains(key)) {
                    List<Object> at = new ArrayList<>(path);
                    at.add(key);
                    String hint = Hints.closest(key, allowed).map(s -> "; did you mean '" + s + "'?")
                            .orElse("; expected one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
                    add(at, "unknown key '" + key + "'" + hint);
                }
            }
        }

        List<String> words(JsonNode parent, List<Object> path, Map<String, Integer> lines) {
            JsonNode node = parent.path((String) path.get(path.size() - 1));
            if (node.isMissingNode() || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                add(path, path.get(path.size() - 1) + " must be a list");
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                List<Object> at = new ArrayList<>(path);
                at.add(i);
                lines.put(String.join(".", path.subList(1, path.size()).stream().map(String::valueOf).toList()) + "[" + i + "]",
                        line(at));
                if (!node.get(i).isString()) {
                    add(at, "expected a word (an id), not " + node.get(i));
                } else {
                    out.add(node.get(i).asString());
                }
            }
            return out;
        }

        HostFacts facts(java.util.function.Supplier<HostFacts> read) {
            try {
                return read.get();
            } catch (FactsException e) {
                for (FactsProblem fp : e.problems()) {
                    list.add(KnowledgeProblem.error(fp.file(), fp.line(), fp.column(),
                            fp.message() + (fp.suggestion() == null ? "" : " (" + fp.suggestion() + ")")));
                }
                return null;
            }
        }

        void throwIfAny() {
            if (!list.isEmpty()) {
                throw exception();
            }
        }

        KnowledgeException exception() {
            return new KnowledgeException(list);
        }
    }
}
