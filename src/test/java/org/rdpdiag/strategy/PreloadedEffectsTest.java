package org.rdpdiag.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdpdiag.engine.Engine;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.plan.PlanBuilder;
import org.rdpdiag.plan.PlanStep;
import org.rdpdiag.support.Examples;
import org.rdpdiag.support.TestKnowledge;

/**
 * The answer effects the build learns and the jar carries are the ones the strategy would learn
 * itself: with and without them, every example and case gets the same plan, reasons included.
 */
class PreloadedEffectsTest {

    @Test
    void plansAreTheSameWithTheEffectsLearntAtBuildTimeAndWithout() {
        KnowledgeBase kb = TestKnowledge.kb();
        Strategy preloaded = new Strategy(kb, true);
        assertTrue(preloaded.preloaded(), "the build learnt the effects of these rules (mvn process-classes)");
        Strategy learning = new Strategy(kb, false);
        Engine engine = new Engine(kb);
        int compared = 0;
        for (HostFacts facts : Examples.allFacts()) {
            var result = engine.run(facts);
            assertEquals(steps(new PlanBuilder(kb, learning).build(facts, result).steps()),
                    steps(new PlanBuilder(kb, preloaded).build(facts, result).steps()), facts.id());
            compared++;
        }
        assertTrue(compared > 100, "compared " + compared);
    }

    private static List<String> steps(List<PlanStep> steps) {
        return steps.stream().map(s -> s.id() + " | " + s.why()).toList();
    }
}
