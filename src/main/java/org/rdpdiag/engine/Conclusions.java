package org.rdpdiag.engine;

import org.kie.api.runtime.rule.RuleContext;
import org.rdpdiag.knowledge.RuleMetadata;
import org.rdpdiag.knowledge.Weight;

/**
 * The one helper rule consequences call. What a rule concludes is declared in its metadata
 * ({@code @cause} with {@code @weight}, or {@code @step}), so the knowledge base can be read,
 * checked and documented without running it; the consequence only says "conclude".
 */
public final class Conclusions {
    private Conclusions() {}

    public static void conclude(RuleContext drools) {
        var rule = drools.getRule();
        var meta = rule.getMetaData();
        Object cause = meta.get(RuleMetadata.CAUSE);
        Object step = meta.get(RuleMetadata.STEP);
        if (cause != null) {
            Weight weight = RuleMetadata.weightOf(rule.getName(), meta);
            drools.insertLogical(new Evidence(cause.toString(), weight, rule.getName()));
        }
        if (step != null) {
            drools.insertLogical(new Advice(step.toString(), rule.getName()));
        }
        if (cause == null && step == null) {
            throw new IllegalStateException("rule '" + rule.getName()
                    + "' calls conclude but declares neither @cause nor @step");
        }
    }
}
