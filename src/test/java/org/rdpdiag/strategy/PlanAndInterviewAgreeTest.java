package org.rdpdiag.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.interview.Interview;
import org.rdpdiag.plan.PlanStep;
import org.rdpdiag.plan.StepKind;
import org.rdpdiag.support.Examples;

/**
 * The plan and the interview are two views of one strategy: on the same facts, the interview's
 * first question is the plan's first check (its observation is one the check reads), and when the
 * interview has nothing worth asking, the step it tells the user to try is the plan's first fix.
 * Checked on every example and every case.
 */
class PlanAndInterviewAgreeTest {

    @TestFactory
    Stream<DynamicTest> planAndInterviewStartTheSameWay() {
        return Examples.allFacts().stream().map(facts -> DynamicTest.dynamicTest(facts.id(), () -> check(facts)));
    }

    private static void check(HostFacts facts) {
        Diagnosis d = Examples.diagnose(facts);
        List<PlanStep> steps = d.plan().steps();
        if (d.causes().stream().anyMatch(a -> a.conflicting())) {
            // A contradiction is read again first; the interview never asks an answered question again.
            assertEquals(StepKind.CHECK, steps.get(0).kind(), facts.id());
            return;
        }
        Interview.Selection s = new Interview(Examples.service(), facts).next();
        if (s.question() != null && s.question().value() == null) {
            return; // the codes are missing: the interview asks them before any reasoning
        }
        if (s.question() != null) {
            String fact = s.question().question().fact();
            PlanStep first = steps.get(0);
            assertEquals(StepKind.CHECK, first.kind(), facts.id() + ": the interview asks " + fact);
            String check = s.question().question().check();
            assertTrue(first.id().equals(check) || first.decides().contains(fact),
                    facts.id() + ": the interview asks " + fact + ", the plan starts with " + first.id());
            return;
        }
        PlanStep firstFix = steps.stream().filter(p -> p.kind() == StepKind.FIX).findFirst().orElse(null);
        if (s.firstStep() instanceof Action.Repair r) {
            assertTrue(steps.stream().noneMatch(p -> p.kind() == StepKind.CHECK)
                    || steps.get(0).kind() != StepKind.CHECK, facts.id() + ": no check before the fix the interview names");
            assertEquals(r.fix().id(), firstFix == null ? null : firstFix.id(), facts.id());
        } else {
            assertTrue(firstFix == null, facts.id() + ": the interview hands on, yet the plan has the fix " + firstFix);
        }
    }
}
