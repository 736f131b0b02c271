package org.rdpdiag.facts;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything known about one failing connection: its observations, as the vocabulary declares
 * them, and the steps of an earlier plan already tried. An observation that is not known is
 * {@code null}, never a default.
 *
 * @param tried the steps of an earlier plan already tried on the host, one entry per step, in the
 *              order written; empty when nothing was tried (never null)
 * @param answeredUnknown the paths of observations somebody was asked for and could not tell, in
 *              the order asked: an interview that goes on from these facts does not ask them again.
 *              Never one that has a value; empty when there are none (never null)
 * @param rechecked the paths of observations read again after the last change made to the host or
 *              the network (the last step tried, or any other change): every other observation was
 *              read before it, so a step tried since may have changed what it says. Null when the
 *              facts do not say when their observations were made; each path has a value
 * @param notes what was observed that the vocabulary has no field for, in the observer's words;
 *              empty when there are none (never null)
 * @param provenance where each value came from, by path, when a tool read it (an imported
 *              collector's registry read, say): shown with the value in reports. Each path has a
 *              value; empty when the facts do not say (never null)
 */
public record HostFacts(String id, Observations observations, List<Tried> tried, Set<String> answeredUnknown,
        Set<String> rechecked, List<Note> notes, Map<String, String> provenance) {

    /**
     * @throws IllegalArgumentException when {@code tried} names a step twice (a facts file that
     *                                  does so is refused, located, by the reader)
     */
    public HostFacts {
        if (observations == null) {
            throw new IllegalArgumentException("observations are required; use Observations.none(vocabulary) for none");
        }
        // A list read from a file is kept as it is: it is immutable and knows where each entry was written.
        tried = tried == null ? List.of() : tried instanceof TriedList ? tried : List.copyOf(tried);
        if (tried.size() > 1) {
            Set<String> steps = new HashSet<>();
            for (Tried t : tried) {
                if (!steps.add(t.step())) {
                    throw new IllegalArgumentException("step '" + t.step() + "' is tried more than once; keep one entry per step");
                }
            }
        }
        if (answeredUnknown == null || answeredUnknown.isEmpty()) {
            answeredUnknown = Set.of();
        } else {
            for (String path : answeredUnknown) {
                // Throws for a path the vocabulary does not declare.
                if (observations.get(path) != null) {
                    throw new IllegalArgumentException(path + " is both known and answered unknown");
                }
            }
            answeredUnknown = Collections.unmodifiableSet(new LinkedHashSet<>(answeredUnknown));
        }
        if (rechecked != null) {
            for (String path : rechecked) {
                if (observations.get(path) == null) {
                    throw new IllegalArgumentException(path + " is listed as re-checked but has no value");
                }
            }
            rechecked = Collections.unmodifiableSet(new LinkedHashSet<>(rechecked));
        }
        notes = notes == null ? List.of() : List.copyOf(notes);
        if (provenance == null || provenance.isEmpty()) {
            provenance = Map.of();
        } else {
            for (String path : provenance.keySet()) {
                if (observations.get(path) == null) {
                    throw new IllegalArgumentException(path + " has a source but no value");
                }
            }
            provenance = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
        }
    }

    /** Facts that do not say where their values came from. */
    public HostFacts(String id, Observations observations, List<Tried> tried, Set<String> answeredUnknown, Set<String> rechecked,
            List<Note> notes) {
        this(id, observations, tried, answeredUnknown, rechecked, notes, Map.of());
    }

    /** Facts without notes. */
    public HostFacts(String id, Observations observations, List<Tried> tried, Set<String> answeredUnknown, Set<String> rechecked) {
        this(id, observations, tried, answeredUnknown, rechecked, List.of());
    }

    /** Facts that do not say when their observations were made. */
    public HostFacts(String id, Observations observations, List<Tried> tried, Set<String> answeredUnknown) {
        this(id, observations, tried, answeredUnknown, null);
    }

    /** Facts with nothing answered unknown. */
    public HostFacts(String id, Observations observations, List<Tried> tried) {
        this(id, observations, tried, Set.of());
    }

    /**
     * True when the facts say that this observation, which is known, was read before the last
     * change and not again since; false when it was re-checked, or when the facts do not say.
     */
    public boolean readBeforeLastChange(String path) {
        return rechecked != null && observations.get(path) != null && !rechecked.contains(path);
    }

    /** Nothing known. */
    public static HostFacts unknown(Vocabulary vocabulary, String id) {
        return new HostFacts(id, Observations.none(vocabulary), List.of());
    }

    /**
     * Facts holding exactly the given observations ({@code host.nlaRequired -> true}), nothing tried.
     *
     * @throws IllegalArgumentException for a path the vocabulary does not declare or a value of the wrong type
     */
    public static HostFacts of(Vocabulary vocabulary, String id, Map<String, ?> values) {
        return new HostFacts(id, Observations.of(vocabulary, values), List.of());
    }

    public Vocabulary vocabulary() {
        return observations.vocabulary();
    }

    /**
     * The value of one observation, or {@code null} when it is unknown.
     *
     * @throws IllegalArgumentException for a path the vocabulary does not declare
     */
    public Object value(String path) {
        return observations.get(path);
    }

    /** The error as the user saw it, as the reports read it. */
    public ErrorReport error() {
        return new ErrorReport((Integer) observations.get("error.mainCode"), (Integer) observations.get("error.extendedCode"),
                (String) observations.get("error.timing"), (String) observations.get("error.dialogText"),
                (Integer) observations.get("error.droppedAfterSeconds"), (String) observations.get("error.dialogMessage"));
    }

    /** The same observations with {@code tried} in place of what was tried so far. */
    public HostFacts withTried(List<Tried> tried) {
        return new HostFacts(id, observations, tried, answeredUnknown, rechecked, notes, provenance);
    }

    /** The same observations and tried steps with {@code paths} as the observations answered unknown. */
    public HostFacts withAnsweredUnknown(Set<String> paths) {
        return new HostFacts(id, observations, tried, paths, rechecked, notes, provenance);
    }

    /**
     * The same facts with {@code paths} as the observations re-checked after the last change;
     * null: the facts do not say when their observations were made.
     */
    public HostFacts withRechecked(Set<String> paths) {
        return new HostFacts(id, observations, tried, answeredUnknown, paths, notes, provenance);
    }

    /** The same facts with {@code notes} as what was observed beyond the vocabulary. */
    public HostFacts withNotes(List<Note> notes) {
        return new HostFacts(id, observations, tried, answeredUnknown, rechecked, notes, provenance);
    }

    /** The same facts with {@code sources} as where each value came from, by path (each path must have a value). */
    public HostFacts withProvenance(Map<String, String> sources) {
        return new HostFacts(id, observations, tried, answeredUnknown, rechecked, notes, sources);
    }

    /** Where the value at {@code path} came from (a registry value read by a collector, say), when the facts say. */
    public Optional<String> sourceOf(String path) {
        return Optional.ofNullable(provenance.get(path));
    }

    /**
     * The same facts with one more observation known ({@code path} unknown before): a value the
     * diagnosis derives, such as the documented message a dialog text carries.
     *
     * @throws IllegalArgumentException for a path the vocabulary does not declare or a value of the wrong type
     */
    public HostFacts with(String path, Object value) {
        Map<String, Object> all = knownValues();
        all.put(path, value);
        Set<String> unknown = new LinkedHashSet<>(answeredUnknown);
        unknown.remove(path);
        Map<String, String> sources = new java.util.LinkedHashMap<>(provenance);
        sources.remove(path);
        return new HostFacts(id, Observations.of(vocabulary(), all), tried, unknown, rechecked, notes, sources);
    }

    /**
     * The same facts without the observations at {@code paths} (they become unknown, and so
     * leave the lists of re-checked and unknown observations too).
     */
    public HostFacts without(Set<String> paths) {
        if (paths.isEmpty()) {
            return this;
        }
        Map<String, Object> kept = knownValues();
        kept.keySet().removeAll(paths);
        Set<String> stillRechecked = null;
        if (rechecked != null) {
            stillRechecked = new LinkedHashSet<>(rechecked);
            stillRechecked.removeAll(paths);
        }
        Map<String, String> sources = new java.util.LinkedHashMap<>(provenance);
        sources.keySet().removeAll(paths);
        return new HostFacts(id, Observations.of(vocabulary(), kept), tried, answeredUnknown, stillRechecked, notes, sources);
    }

    /**
     * Where entry {@code index} of {@link #tried()} (its step) was written, when these facts were
     * read from a file or a record of one; empty for facts built otherwise.
     */
    public Optional<FactsLocation> triedAt(int index) {
        return tried instanceof TriedList located ? Optional.of(located.place(index)) : Optional.empty();
    }

    /** Every known observation by path, in the vocabulary's order; a new map the caller may change. */
    private Map<String, Object> knownValues() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (String path : vocabulary().paths()) {
            Object v = observations.get(path);
            if (v != null) {
                out.put(path, v);
            }
        }
        return out;
    }
}
