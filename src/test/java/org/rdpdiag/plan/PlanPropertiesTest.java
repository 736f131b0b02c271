package org.rdpdiag.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.support.Examples;
import org.rdpdiag.support.TestKnowledge;

/** Safety properties every plan must have, checked over every example and every case. */
class PlanPropertiesTest {

    @TestFactory
    Stream<DynamicTest> everyPlanIsSafelyOrdered() {
        return Examples.allFacts().stream().map(facts -> DynamicTest.dynamicTest(facts.id(), () -> check(facts)));
    }

    private static void check(HostFacts facts) {
        Diagnosis d = Examples.diagnose(facts);
        List<PlanStep> steps = d.plan().steps();
        List<String> problems = new ArrayList<>();

        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).step() != i + 1) {
                problems.add("step numbers are not 1..n at index " + i);
            }
        }
        Set<String> seen = new HashSet<>();
        for (PlanStep s : steps) {
            if (!seen.add(s.id())) {
                problems.add("step " + s.id() + " appears twice");
            }
        }
        int review = indexOf(steps, "prevent-post-incident-review");
        if (review >= 0 && review != steps.size() - 1) {
            problems.add("the post-incident review is step " + (review + 1) + " of " + steps.size() + ", not the last");
        }
        Boolean locked = facts.host().settingsChangeable();
        for (PlanStep s : steps) {
            if (Boolean.FALSE.equals(locked) && s.kind() == StepKind.FIX
                    && ("host".equals(s.runsOn()) || "azure-portal".equals(s.runsOn()))) {
                problems.add("fix " + s.id() + " changes a host that nobody can change");
            }
            if (Boolean.FALSE.equals(locked) && s.kind() == StepKind.CHECK && changesHost(s.id())) {
                problems.add("check " + s.id() + " changes a host that nobody can change");
            }
        }
        int lastCheck = lastIndex(steps, StepKind.CHECK);
        int firstOther = firstIndexNot(steps, StepKind.CHECK);
        if (lastCheck >= 0 && firstOther >= 0 && firstOther < lastCheck) {
            problems.add("a check comes after a fix or later step");
        }
        Map<String, CauseAssessment> causes = d.causes().stream().collect(Collectors.toMap(a -> a.cause().id(), a -> a));
        for (int i = 0; i < steps.size(); i++) {
            PlanStep s = steps.get(i);
            if (s.kind() == StepKind.FIX) {
                for (String c : s.addresses()) {
                    Status st = causes.get(c).status();
                    if (st != Status.CONFIRMED && st != Status.LIKELY) {
                        problems.add("fix " + s.id() + " addresses " + c + ", which is only " + st.word());
                    }
                }
            }
            if ((s.kind() == StepKind.FIX || s.kind() == StepKind.CHECK) && !fits(s.id(), facts)) {
                problems.add(s.id() + " does not apply to this host (its appliesWhen is known to fail)");
            }
            if (s.kind() == StepKind.FIX && s.risky() && (s.warning() == null || s.warning().isBlank())) {
                problems.add("risky fix " + s.id() + " carries no warning");
            }
            if (s.kind() == StepKind.FIX && s.risky()) {
                if (i + 1 >= steps.size() || steps.get(i + 1).kind() != StepKind.ROLLBACK
                        || !s.id().equals(steps.get(i + 1).rollbackOf())) {
                    problems.add("risky fix " + s.id() + " is not followed by its rollback");
                }
                for (String c : s.addresses()) {
                    for (String alt : causes.get(c).cause().fixes()) {
                        Fix fix = TestKnowledge.kb().catalog().fix(alt).orElseThrow();
                        int at = indexOf(steps, alt);
                        if (!fix.risky() && at > i) {
                            problems.add("risky fix " + s.id() + " comes before the safer " + alt + " for " + c);
                        }
                    }
                }
            }
            if (s.kind() == StepKind.ROLLBACK && (i == 0 || !steps.get(i - 1).id().equals(s.rollbackOf()))) {
                problems.add("rollback " + s.id() + " does not follow its fix");
            }
        }
        int firstClosing = firstIndexOf(steps, Set.of(StepKind.ESCALATE, StepKind.PREVENT));
        if (firstClosing < 0) {
            problems.add("the plan has no escalation or prevention");
        } else {
            for (int i = firstClosing; i < steps.size(); i++) {
                if (steps.get(i).kind() != StepKind.ESCALATE && steps.get(i).kind() != StepKind.PREVENT) {
                    problems.add("step " + steps.get(i).id() + " comes after escalation/prevention");
                }
            }
            assertTrue(lastIndex(steps, StepKind.ESCALATE) < firstIndexOf(steps, Set.of(StepKind.PREVENT)) || firstIndexOf(steps, Set.of(StepKind.PREVENT)) < 0,
                    "escalation comes before prevention");
        }
        assertEquals(List.of(), problems, facts.id());
    }

    private static boolean changesHost(String checkId) {
        return TestKnowledge.kb().catalog().checks().stream().anyMatch(c -> c.id().equals(checkId) && c.changesHost());
    }

    private static boolean fits(String id, HostFacts facts) {
        var catalog = TestKnowledge.kb().catalog();
        var conditions = catalog.fix(id).map(Fix::appliesWhen)
                .or(() -> catalog.checks().stream().filter(c -> c.id().equals(id)).findFirst().map(c -> c.appliesWhen()))
                .orElse(Map.of());
        return org.rdpdiag.knowledge.Applicability.fits(conditions, facts);
    }

    private static int indexOf(List<PlanStep> steps, String id) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndex(List<PlanStep> steps, StepKind kind) {
        int at = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).kind() == kind) {
                at = i;
            }
        }
        return at;
    }

    private static int firstIndexNot(List<PlanStep> steps, StepKind kind) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).kind() != kind) {
                return i;
            }
        }
        return -1;
    }

    private static int firstIndexOf(List<PlanStep> steps, Set<StepKind> kinds) {
        for (int i = 0; i < steps.size(); i++) {
            if (kinds.contains(steps.get(i).kind())) {
                return i;
            }
        }
        return -1;
    }
}
