package org.rdpdiag.engine;

import java.util.List;

/** Who leads a ranking of causes; shared by everything that compares two diagnoses by their leader. */
public final class Ranking {
    private Ranking() {}

    /** The first real cause: context (a recent update, say) explains nothing by itself. */
    public static CauseAssessment leader(List<CauseAssessment> ranking) {
        return ranking.stream().filter(a -> !a.cause().isContext()).findFirst().orElse(ranking.get(0));
    }

    /** Whether a cause leads, alone or tied with the leader in status and confidence. */
    public static boolean leads(String cause, List<CauseAssessment> ranking) {
        CauseAssessment lead = leader(ranking);
        return ranking.stream().filter(a -> a.cause().id().equals(cause)).findFirst()
                .map(a -> a == lead || (a.status() == lead.status() && Math.abs(a.confidence() - lead.confidence()) < 1e-9))
                .orElse(false);
    }
}
