package org.rdpdiag.strategy;

import java.util.List;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Status;

/**
 * Where a cause stands, defined once: the leading cause, the open ones and the established ones.
 * Every view (plan, interview, reports, batch, the author's cases, the benchmarks) asks here.
 */
public final class Standing {
    private Standing() {}

    /** The first real cause of a ranking: a circumstance (a recent update, say) explains nothing by itself. */
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

    /** Still to be decided: likely or possible, or contradicted by its own observations. */
    public static boolean open(CauseAssessment a) {
        return a.status().open() || a.conflicting();
    }

    /** Established well enough to act on: confirmed or likely, and not contradicted. */
    public static boolean established(CauseAssessment a) {
        return a.status().confirmedOrLikely() && !a.conflicting();
    }
}
