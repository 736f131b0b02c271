package org.rdpdiag.report;

import org.rdpdiag.diagnosis.Diagnosis;

/** The words every renderer uses when no known cause fits, so that they say the same thing. */
final class Honest {
    private Honest() {}

    /** One plain sentence: no known cause, and how many were weighed. */
    static String noKnownCause(Diagnosis d) {
        long known = d.causes().stream().filter(a -> !a.cause().isContext()).count();
        return "No known cause fits: none of the " + known + " causes in the knowledge base is confirmed or likely on "
                + "these facts, so the plan gathers the evidence that would decide before any fix for a weak candidate.";
    }

    /** The same in at most 96 characters, for the summary. */
    static String noKnownCauseShort(Diagnosis d) {
        long known = d.causes().stream().filter(a -> !a.cause().isContext()).count();
        return "No known cause: none of the " + known + " known causes is confirmed or likely; evidence first.";
    }

    static final String UNUSED = "Observations no rule could use";
    static final String NOTES = "Notes (no rule reads them)";
}
