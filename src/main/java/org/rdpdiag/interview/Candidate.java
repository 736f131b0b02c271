package org.rdpdiag.interview;

import java.util.List;
import org.rdpdiag.facts.FactField;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.Question;

/**
 * A question worth asking now, with everything needed to ask it and to answer "why?".
 *
 * @param options  the answers offered (for lists: the items to choose from)
 * @param value    the information the answer is expected to give (bits, summed over causes)
 * @param outcomes the simulated result of each probed answer
 * @param opens    for a question asked only because some answers open a follow-up that matters:
 *                 that follow-up; otherwise null
 */
public record Candidate(Question question, FactField field, List<Option> options, Check check, int cost,
        double value, List<Outcome> outcomes, Question opens) {

    public double efficiency() {
        return value / cost;
    }

    public boolean multiple() {
        return "integer-list".equals(field.kind());
    }
}
