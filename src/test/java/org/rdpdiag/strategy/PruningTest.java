package org.rdpdiag.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Engine;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.support.Examples;
import org.rdpdiag.support.TestKnowledge;

/**
 * Leaving observations unvalued ({@link Pruning}) is exact: on every example and case,
 * and on situations further into an interview (questions already asked, answers "unknown"),
 * the plan's sequence and the next move are the same with pruning and with every observation
 * valued in full.
 */
class PruningTest {

    @Test
    void theSequenceAndTheNextMoveAreTheSameWithAndWithoutPruning() {
        Strategy strategy = new Strategy(TestKnowledge.kb());
        Engine engine = new Engine(TestKnowledge.kb());
        int situations = 0;
        int prunedSomewhere = 0;
        for (HostFacts facts : Examples.allFacts()) {
            List<CauseAssessment> ranking = engine.run(facts).causes();
            for (Strategy.Situation s : situations(strategy, facts, ranking)) {
                Strategy.Sequence full = strategy.sequence(s, Pruning.NONE);
                Strategy.Sequence pruned = strategy.sequence(s, Pruning.WORTHLESS);
                String where = facts.id() + " " + s.settled() + " " + s.answered().keySet();
                assertEquals(full.actions(), pruned.actions(), where);
                assertEquals(full.expectedCost(), pruned.expectedCost(), where);
                assertEquals(full.withoutObservations(), pruned.withoutObservations(), where);
                assertEquals(full.policies(), pruned.policies(), where);
                // What the plan reads of the rest: the observations that save something, in order.
                assertEquals(full.considered().stream().filter(o -> o.saving() > 0).toList(),
                        pruned.considered().stream().filter(o -> o.saving() > 0).toList(), where);
                assertEquals(strategy.next(s, Pruning.NONE), strategy.next(s, Pruning.COSTLY), where);
                if (pruned.considered().size() < full.considered().size()) {
                    prunedSomewhere++;
                }
                situations++;
            }
        }
        assertTrue(situations > 300, "compared " + situations + " situations");
        assertTrue(prunedSomewhere > 0, "pruning left nothing out, so this test shows nothing");
    }

    /**
     * The diagnosis's situation, then the same after the three best observations were asked
     * and went unanswered (so fewer answers are expected on the host and at the client).
     */
    private static List<Strategy.Situation> situations(Strategy strategy, HostFacts facts, List<CauseAssessment> ranking) {
        Strategy.Situation first = Strategy.Situation.of(facts, ranking);
        List<Strategy.Situation> out = new ArrayList<>(List.of(first));
        List<Action.Observe> best = strategy.observations(first);
        Set<String> asked = new java.util.LinkedHashSet<>();
        for (Action.Observe o : best.subList(0, Math.min(3, best.size()))) {
            asked.add(o.question().fact());
            out.add(new Strategy.Situation(facts, ranking, first.failed(), first.tried(), asked,
                    Map.of("host", new int[] {1, asked.size()}, "client", new int[] {0, asked.size()})));
        }
        return out;
    }

    @Test
    void anObservationIsLeftOutOnlyWhenTheBoundsLeaveNoDoubt() {
        double[] dearer = {120, 130, 125};
        // Every answer leaves the repair dearer than now: nothing to save.
        assertTrue(Pruning.WORTHLESS.leavesOut(100, dearer, 1, 5, Double.NEGATIVE_INFINITY));
        // One answer as dear as now, to the rounding: the odds decide, so it is valued.
        assertFalse(Pruning.WORTHLESS.leavesOut(100, new double[] {100 + 1e-12, 130},
                1, 5, Double.NEGATIVE_INFINITY));
        // At most 0.9 * (100 - 90) = 9 minutes saved: not its cost of 10, but only the next move prunes for that.
        double[] cheaper = {90, 110};
        assertFalse(Pruning.WORTHLESS.leavesOut(100, cheaper, 0.9, 10, Double.NEGATIVE_INFINITY));
        assertTrue(Pruning.COSTLY.leavesOut(100, cheaper, 0.9, 10, Double.NEGATIVE_INFINITY));
        assertFalse(Pruning.COSTLY.leavesOut(100, cheaper, 0.9, 8, Double.NEGATIVE_INFINITY));
        // At most 9 minutes for 10 is 0.9 a minute: less than a partner pair that saves 1 a minute.
        assertTrue(Pruning.WORTHLESS.leavesOut(100, cheaper, 0.9, 10, 1.0));
        assertFalse(Pruning.WORTHLESS.leavesOut(100, cheaper, 0.9, 10, 0.8));
        // With fifty answers or more the floored odds need not be a distribution: no bound holds.
        double[] many = new double[50];
        java.util.Arrays.fill(many, 500);
        assertFalse(Pruning.COSTLY.leavesOut(100, many, 1, 5, Double.NEGATIVE_INFINITY));
    }
}
