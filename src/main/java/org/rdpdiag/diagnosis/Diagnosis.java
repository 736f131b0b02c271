package org.rdpdiag.diagnosis;

import java.util.List;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Firing;
import org.rdpdiag.engine.StaleReadings.StaleReading;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.plan.Plan;

/**
 * The complete answer for one host: what every renderer prints.
 *
 * @param facts     the facts the diagnosis stands on: those given, without the readings set aside
 * @param knowledge where the rules came from and their content hash
 * @param trace     every rule firing, for {@code --explain}
 * @param setAside  readings of the facts given that a later change made stale, with the reason;
 *                  empty when there are none
 */
public record Diagnosis(HostFacts facts, ErrorDecoding error, List<CauseAssessment> causes, Plan plan,
        List<Firing> trace, KnowledgeInfo knowledge, List<StaleReading> setAside) {

    public Diagnosis {
        setAside = setAside == null ? List.of() : List.copyOf(setAside);
    }

    /**
     * True when no cause the knowledge base knows is confirmed or likely (circumstances such as a
     * recent upgrade aside): the honest answer is then that no known cause fits, and the report
     * says so first.
     */
    public boolean noKnownCause() {
        return CauseAssessment.noneEstablished(causes);
    }

    /**
     * The observations known but read by no rule that fired, in the vocabulary's order: what the
     * knowledge base could not use. The error codes are decoded, not ruled on, and count as used.
     */
    public List<org.rdpdiag.engine.FactValue> unusedObservations() {
        java.util.Set<String> read = new java.util.HashSet<>(List.of("error.mainCode", "error.extendedCode"));
        trace.forEach(f -> f.facts().forEach(v -> read.add(v.path())));
        List<org.rdpdiag.engine.FactValue> out = new java.util.ArrayList<>();
        for (String path : facts.vocabulary().paths()) {
            Object v = facts.value(path);
            if (v != null && !read.contains(path)) {
                out.add(new org.rdpdiag.engine.FactValue(path, v));
            }
        }
        return out;
    }

    /** Which knowledge base produced the diagnosis. */
    public record KnowledgeInfo(String fingerprint, String origin, int rules, int causes) {}
}
