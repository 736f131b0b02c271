package org.rdpdiag.report;

import java.util.List;
import java.util.Optional;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Explained;
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

    static Optional<String> of(List<CauseAssessment> ranked, int index) {
        CauseAssessment a = ranked.get(index);
        for (int j = index + 1; j < ranked.size(); j++) {
            CauseAssessment b = ranked.get(j);
            // A root stands above what it explains whatever the figures say.
            if (Explained.of(b, ranked).roots().contains(a.cause().id())) {
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
