package org.rdpdiag.engine;

import java.util.List;
import org.rdpdiag.knowledge.Cause;

/**
 * The verdict on one cause.
 *
 * @param support     evidence for it
 * @param against     evidence against it
 * @param unknown     observations that would decide it but are not known yet
 * @param conflicting true when observations both establish and exclude the cause
 * @param reason      one sentence saying why it ended where it did
 */
public record CauseAssessment(Cause cause, Status status, double confidence, List<EvidenceItem> support,
        List<EvidenceItem> against, List<String> unknown, boolean conflicting, String reason) {

    /**
     * True when no cause of a ranking is confirmed or likely, circumstances (a recent upgrade)
     * aside: the honest answer is then that no known cause fits.
     */
    public static boolean noneEstablished(List<CauseAssessment> ranking) {
        return ranking.stream().noneMatch(a -> !a.cause().isContext()
                && (a.status() == Status.CONFIRMED || a.status() == Status.LIKELY));
    }
}
