package org.rdpdiag.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Status;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.ClaimStatus;

/** A lower confidence above a higher one is explained, and only then. */
class RankNoteTest {
    private static CauseAssessment cause(String id, Status status, double confidence, double explains) {
        Cause c = new Cause(id, id, "f", "cause", "x", List.of(), List.of(), ClaimStatus.SUPPORTED, null, 0.1, explains, List.of(), List.of());
        return new CauseAssessment(c, status, confidence, List.of(), List.of(), List.of(), false, "r");
    }

    @Test
    void aLikelyCauseBelowAPossibleOnesConfidenceSaysWhy() {
        List<CauseAssessment> ranked = List.of(cause("rds", Status.LIKELY, 0.18, 0.2), cause("tls", Status.POSSIBLE, 0.34, 0.85));
        String note = RankNote.of(ranked, 0).orElseThrow();
        assertTrue(note.contains("ranked above tls (possible, 34%)") && note.contains("20% against 85%"), note);
        assertEquals(Optional.empty(), RankNote.of(ranked, 1));
    }

    @Test
    void rankingsThatAgreeWithTheirConfidencesNeedNoNote() {
        List<CauseAssessment> ranked = List.of(cause("a", Status.CONFIRMED, 0.85, 0.85), cause("b", Status.LIKELY, 0.4, 0.5),
                cause("c", Status.POSSIBLE, 0.4, 0.5));
        assertEquals(Optional.empty(), RankNote.of(ranked, 0));
        assertEquals(Optional.empty(), RankNote.of(ranked, 1));
    }
}
