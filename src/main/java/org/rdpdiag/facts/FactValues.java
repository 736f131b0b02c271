package org.rdpdiag.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facts as a flat map of known observations ({@code host.nlaRequired -> true}) and back. The
 * interview builds facts one answer at a time this way, and {@code --save} writes them in the
 * facts-file layout.
 *
 * <p>The map holds observations only. What was already tried ({@link HostFacts#tried()}) is not
 * an observation and has no path, and what was answered unknown has no value: both travel beside
 * the map ({@link HostFacts#withAnsweredUnknown}), what was tried through
 * {@link #toFacts(Vocabulary, String, Map, List)} and {@link #nested(Vocabulary, String, Map, List)}.
 */
public final class FactValues {
    private FactValues() {}

    /** The known observations, in schema order; unknown ones are absent. */
    public static Map<String, Object> of(HostFacts facts) {
        Map<String, Object> out = new LinkedHashMap<>();
        Observations observed = facts.observations();
        Vocabulary vocabulary = observed.vocabulary();
        for (int i = 0; i < vocabulary.size(); i++) {
            Object v = observed.get(i);
            if (v != null) {
                out.put(vocabulary.pathAt(i), v);
            }
        }
        return out;
    }

    /**
     * Facts holding exactly the given observations, with nothing tried.
     *
     * @throws IllegalArgumentException for a path the vocabulary does not declare or a value of the wrong type
     */
    public static HostFacts toFacts(Vocabulary vocabulary, String id, Map<String, Object> values) {
        return HostFacts.of(vocabulary, id, values);
    }

    /**
     * Facts holding exactly the given observations and what was tried. The list is kept as it
     * is, so entries read from a file still know where they were written ({@link HostFacts#triedAt}).
     *
     * @throws IllegalArgumentException when {@code tried} names a step twice
     */
    public static HostFacts toFacts(Vocabulary vocabulary, String id, Map<String, Object> values, List<Tried> tried) {
        return toFacts(vocabulary, id, values).withTried(tried);
    }

    /** The facts-file layout: {@code id}, then one mapping per section, in the vocabulary's order. */
    public static Map<String, Object> nested(Vocabulary vocabulary, String id, Map<String, Object> values) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (id != null) {
            root.put("id", id);
        }
        for (String path : vocabulary.paths()) {
            if (!values.containsKey(path)) {
                continue;
            }
            String section = path.substring(0, path.indexOf('.'));
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) root.computeIfAbsent(section, k -> new LinkedHashMap<String, Object>());
            m.put(path.substring(section.length() + 1), values.get(path));
        }
        return root;
    }

    /**
     * The facts-file layout with what was tried last, as a list of {@code {step, outcome}}
     * mappings (the outcome as its word); no {@code tried} key when nothing was tried.
     */
    public static Map<String, Object> nested(Vocabulary vocabulary, String id, Map<String, Object> values, List<Tried> tried) {
        Map<String, Object> root = nested(vocabulary, id, values);
        if (!tried.isEmpty()) {
            List<Map<String, Object>> entries = new ArrayList<>(tried.size());
            for (Tried t : tried) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("step", t.step());
                entry.put("outcome", t.outcome().word());
                entries.add(entry);
            }
            root.put("tried", entries);
        }
        return root;
    }

    /** The whole facts in the facts-file layout, ready to be written as YAML or JSON: a facts file the reader takes back. */
    public static Map<String, Object> nested(HostFacts facts) {
        Map<String, Object> root = nested(facts.vocabulary(), facts.id(), of(facts), facts.tried());
        if (!facts.answeredUnknown().isEmpty()) {
            root.put("unknown", List.copyOf(facts.answeredUnknown()));
        }
        if (facts.rechecked() != null) {
            root.put("rechecked", List.copyOf(facts.rechecked()));
        }
        if (!facts.notes().isEmpty()) {
            List<Map<String, Object>> notes = new ArrayList<>();
            for (Note n : facts.notes()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("side", n.side().word());
                entry.put("text", n.text());
                notes.add(entry);
            }
            root.put("notes", notes);
        }
        if (!facts.provenance().isEmpty()) {
            List<Map<String, Object>> sources = new ArrayList<>();
            facts.provenance().forEach((path, source) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("fact", path);
                entry.put("source", source);
                sources.add(entry);
            });
            root.put("provenance", sources);
        }
        return root;
    }
}
