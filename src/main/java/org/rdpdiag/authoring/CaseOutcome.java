package org.rdpdiag.authoring;

import java.util.List;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.Firing;

/**
 * What became of one case.
 *
 * @param diagnosis  the full-facts diagnosis, or null when the rules failed on the case
 * @param failure    why the rules failed on the case (a looping or throwing rule), or null
 * @param mismatches every expectation that did not hold, in the order the case states them
 * @param trace      for each mismatch about a cause, the firings that spoke about that cause
 * @param questions  the questions the replayed interview asked, or null when none was replayed
 */
public record CaseOutcome(CaseSpec spec, Diagnosis diagnosis, String failure, List<Mismatch> mismatches,
        List<Firing> trace, List<String> questions) {

    public boolean passed() {
        return failure == null && mismatches.isEmpty();
    }

    /**
     * One expectation that did not hold.
     *
     * @param line     the expectation's line in the case file
     * @param what     what was expected of ({@code cause tls12-disabled}, {@code plan order}...)
     * @param expected what the case expects
     * @param actual   what the knowledge base produced, with the reason where there is one
     */
    public record Mismatch(int line, String what, String expected, String actual) {}
}
