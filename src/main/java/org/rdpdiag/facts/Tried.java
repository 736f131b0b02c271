package org.rdpdiag.facts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A step of an earlier plan that was already tried on the host, and what came of it: facts
 * files list them under {@code tried}, so that the next diagnosis continues from there.
 *
 * @param step    the id of the step, as the plan names it ({@code enable-tls12-server})
 * @param outcome what came of it
 */
public record Tried(String step, TriedOutcome outcome) {

    public Tried {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * The entries of {@code earlier} followed by those of {@code later}, where an entry of
     * {@code later} replaces the one of {@code earlier} for the same step (in its place): the
     * later attempt is the one that counts.
     */
    public static List<Tried> merge(List<Tried> earlier, List<Tried> later) {
        if (later.isEmpty()) {
            return earlier;
        }
        if (earlier.isEmpty()) {
            return later;
        }
        Map<String, Tried> byStep = new LinkedHashMap<>();
        earlier.forEach(t -> byStep.put(t.step(), t));
        later.forEach(t -> byStep.put(t.step(), t));
        return List.copyOf(new ArrayList<>(byStep.values()));
    }
}
