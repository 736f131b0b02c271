package org.rdpdiag.diagnosis;

import java.util.List;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Firing;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.plan.Plan;

/**
 * The complete answer for one host: what every renderer prints.
 *
 * @param knowledge where the rules came from and their content hash
 * @param trace     every rule firing, for {@code --explain}
 */
public record Diagnosis(HostFacts facts, ErrorDecoding error, List<CauseAssessment> causes, Plan plan,
        List<Firing> trace, KnowledgeInfo knowledge) {

    /** Which knowledge base produced the diagnosis. */
    public record KnowledgeInfo(String fingerprint, String origin, int rules, int causes) {}
}
