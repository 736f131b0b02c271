package org.rdpdiag.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What explains an established cause, by its catalogue's {@code explainedBy} and the ranking: the
 * roots at least as firmly established (they rank above it and are repaired first), weaker roots
 * (named only) and circumstances such as a recent upgrade (named, never repaired). Worked out from
 * the statuses alone, so the assessment and the reports read the same answer.
 */
public record Explained(List<String> roots, List<String> weaker, List<String> circumstances) {
    private static final Explained NOTHING = new Explained(List.of(), List.of(), List.of());

    public static Explained of(CauseAssessment a, List<CauseAssessment> ranking) {
        if (a.cause().explainedBy().isEmpty() || !established(a)) {
            return NOTHING;
        }
        List<String> roots = new ArrayList<>();
        List<String> weaker = new ArrayList<>();
        List<String> circumstances = new ArrayList<>();
        for (CauseAssessment r : ranking) {
            if (!a.cause().explainedBy().contains(r.cause().id()) || !established(r)) {
                continue;
            }
            if (r.cause().isContext()) {
                circumstances.add(r.cause().id());
            } else if (r.status().compareTo(a.status()) > 0) {
                // A likely root under a confirmed consequence does not overrule its order.
                weaker.add(r.cause().id() + " (" + r.status().word() + ")");
            } else {
                roots.add(r.cause().id());
            }
        }
        return new Explained(List.copyOf(roots), List.copyOf(weaker), List.copyOf(circumstances));
    }

    /** The words the reason ends with, starting "; ", or nothing. */
    String suffix() {
        return (roots.isEmpty() ? "" : "; a consequence of " + String.join(" and ", roots) + ", which is repaired first")
                + (weaker.isEmpty() ? "" : "; perhaps a consequence of " + String.join(" and ", weaker))
                + (circumstances.isEmpty() ? "" : "; brought about by " + String.join(" and ", circumstances));
    }

    /** The same as a sentence of its own, for a report. */
    public Optional<String> sentence() {
        String s = suffix();
        return s.isEmpty() ? Optional.empty() : Optional.of(Character.toUpperCase(s.charAt(2)) + s.substring(3) + ".");
    }

    static boolean established(CauseAssessment a) {
        return (a.status() == Status.CONFIRMED || a.status() == Status.LIKELY) && !a.conflicting();
    }
}
