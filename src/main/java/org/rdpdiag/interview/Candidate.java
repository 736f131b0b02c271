package org.rdpdiag.interview;

import java.util.List;
import org.rdpdiag.facts.FactField;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.Question;
import org.rdpdiag.strategy.Action;
import org.rdpdiag.strategy.Option;

/**
 * A question to ask now, with everything needed to ask it and to answer "why?".
 *
 * @param options the answers offered (for lists: the items to choose from)
 * @param value   what the strategy expects of it; null for a question asked before any reasoning
 */
public record Candidate(Question question, FactField field, List<Option> options, Check check, Action.Observe value) {

    public boolean multiple() {
        return "integer-list".equals(field.kind());
    }
}
