package org.rdpdiag.engine;

import java.util.List;
import org.rdpdiag.knowledge.Weight;

/**
 * One piece of evidence about a cause: the rule, its weight and the observations behind it. Evidence
 * from a fix that was tried without success has no rule file: its "rule" names the step.
 */
public record EvidenceItem(String rule, String file, Weight weight, List<FactValue> facts, String explanation) {
    /** What the name of a tried step's evidence starts with. */
    public static final String TRIED = "tried: ";

    /** Whether this is the evidence of a fix tried without success rather than of a rule. */
    public boolean fromTriedStep() {
        return file == null && rule.startsWith(TRIED);
    }
}
