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

    /** Which knowledge base produced the diagnosis. */
    public record KnowledgeInfo(String fingerprint, String origin, int rules, int causes) {}
}
