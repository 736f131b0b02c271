package org.rdpdiag.report;

import java.util.List;
import java.util.Optional;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Status;

/**
 * Why a cause stands above one with a higher confidence. Causes are ranked by status first, then
 * by confidence; a likely cause that explains 0x904/0x7 poorly can show a lower confidence than a
 * possible one that would explain it well, and the report says so instead of leaving it to look
 * like a contradiction. A root that explains an established cause stands just above it (see
 * {@code Cause.explainedBy}), and the note says so.
 */
final class RankNote {
    private RankNote() {}

    /** What brought a cause about, when the catalogue says another cause or a circumstance explains it. */
    static Optional<String> because(CauseAssessment a) {
        String r = a.reason();
        int at = Integer.MAX_VALUE;
        for (String mark : List.of("; a consequence of ", "; perhaps a consequence of ", "; brought about by ")) {
            int i = r.indexOf(mark);
            if (i >= 0) {
                at = Math.min(at, i);
            }
        }
        if (at == Integer.MAX_VALUE) {
            return Optional.empty();
        }
        String rest = r.substring(at + 2);
        return Optional.of(Character.toUpperCase(rest.charAt(0)) + rest.substring(1) + ".");
    }

    static Optional<String> of(List<CauseAssessment> ranked, int index) {
        CauseAssessment a = ranked.get(index);
        for (int j = index + 1; j < ranked.size(); j++) {
            CauseAssessment b = ranked.get(j);
            // A root stands above what it explains whatever the figures say.
            if (b.cause().explainedBy().contains(a.cause().id()) && b.reason().contains("a consequence of")) {
                return Optional.of("ranked above " + b.cause().id() + " (" + b.status().word() + ", "
                        + Math.round(b.confidence() * 100) + "%), which it explains: it is repaired first");
            }
            if (b.status() != Status.RULED_OUT && b.status() != a.status() && b.confidence() > a.confidence()) {
                return Optional.of("ranked above " + b.cause().id() + " (" + b.status().word() + ", "
                        + Math.round(b.confidence() * 100) + "%): " + a.status().word() + " comes before "
                        + b.status().word() + " because the evidence for it is stronger; its confidence is lower because it explains "
                        + "0x904/0x7 less well (" + Math.round(a.cause().explains() * 100) + "% against "
                        + Math.round(b.cause().explains() * 100) + "%)");
            }
        }
        return Optional.empty();
    }
}
