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

/**
 * Safety properties every plan must have, checked over every example and every case: read before
 * change, no reboot at once, a verification after every fix, a rollback after every risky one, no
 * step on a host nobody may change, nothing tried again.
 */
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
        Boolean locked = (Boolean) facts.value("host.settingsChangeable");
        for (PlanStep s : steps) {
            if (Boolean.FALSE.equals(locked) && s.kind() == StepKind.FIX
                    && (s.runsOn() == org.rdpdiag.knowledge.Place.HOST || s.runsOn() == org.rdpdiag.knowledge.Place.AZURE_PORTAL)) {
                problems.add("fix " + s.id() + " changes a host that nobody can change");
            }
            if (Boolean.FALSE.equals(locked) && s.kind() == StepKind.CHECK && changesHost(s.id())) {
                problems.add("check " + s.id() + " changes a host that nobody can change");
            }
        }
        // Reading comes before changing: a check that changes the host (deleting a certificate to
        // see whether Windows recreates it) only after every check that only reads.
        int lastReadOnly = -1;
        int firstChanging = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).kind() == StepKind.CHECK) {
                if (changesHost(steps.get(i).id())) {
                    firstChanging = firstChanging < 0 ? i : firstChanging;
                } else {
                    lastReadOnly = i;
                }
            }
        }
        if (firstChanging >= 0 && lastReadOnly > firstChanging) {
            problems.add("check " + steps.get(firstChanging).id() + " changes the host before the read-only "
                    + steps.get(lastReadOnly).id());
        }
        for (PlanStep s : steps) {
            for (String c : s.commands()) {
                if (rebootsAtOnce(c)) {
                    problems.add(s.id() + " reboots at once: " + c);
                }
            }
        }
        // Checks come before fixes, within each stage: a check may follow a fix only after the
        // connection test that sends the user back to the consultation, and then before any fix.
        int stageEnd = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).consultAgain()) {
                if (stageEnd >= 0) {
                    problems.add("a second stage end at step " + (i + 1) + ": the consultation decides what follows the first");
                }
                stageEnd = i;
                if (steps.get(i).kind() != StepKind.VERIFY) {
                    problems.add("step " + steps.get(i).id() + " ends a stage but is no connection test");
                }
                int next = firstIndexNot(steps.subList(i + 1, steps.size()), StepKind.ROLLBACK);
                if (next < 0 || steps.get(i + 1 + next).kind() != StepKind.CHECK) {
                    problems.add("the stage that ends at step " + (i + 1) + " is not followed by the checks it waits for");
                }
            }
        }
        List<PlanStep> firstStage = stageEnd < 0 ? steps : steps.subList(0, stageEnd);
        List<PlanStep> laterStage = stageEnd < 0 ? List.of() : steps.subList(stageEnd + 1, steps.size());
        for (List<PlanStep> stage : List.of(firstStage, laterStage)) {
            int lastCheck = lastIndex(stage, StepKind.CHECK);
            int firstFix = firstIndexOf(stage, Set.of(StepKind.FIX, StepKind.ESCALATE, StepKind.PREVENT));
            if (lastCheck >= 0 && firstFix >= 0 && firstFix < lastCheck) {
                problems.add("a check comes after a fix or later step of the same stage");
            }
        }
        Map<String, CauseAssessment> causes = d.causes().stream().collect(Collectors.toMap(a -> a.cause().id(), a -> a));
        for (int i = 0; i < steps.size(); i++) {
            PlanStep s = steps.get(i);
            if (s.kind() == StepKind.FIX) {
                for (String c : s.addresses()) {
                    if (causes.get(c).status() == Status.RULED_OUT) {
                        problems.add("fix " + s.id() + " addresses " + c + ", which is ruled out");
                    }
                }
                if (i + 1 >= steps.size() || steps.get(i + 1).kind() != StepKind.VERIFY) {
                    problems.add("fix " + s.id() + " is not followed by a step that verifies it");
                }
                if (facts.tried().stream().anyMatch(t -> t.step().equals(s.id()))) {
                    problems.add("fix " + s.id() + " was already tried");
                }
            }
            if ((s.kind() == StepKind.FIX || s.kind() == StepKind.CHECK) && !fits(s.id(), facts)) {
                problems.add(s.id() + " does not apply to this host (its appliesWhen is known to fail)");
            }
            if (s.kind() == StepKind.FIX && s.risky() && (s.warning() == null || s.warning().isBlank())) {
                problems.add("risky fix " + s.id() + " carries no warning");
            }
            if (s.kind() == StepKind.FIX && s.risky()) {
                if (i + 2 >= steps.size() || steps.get(i + 2).kind() != StepKind.ROLLBACK
                        || !s.id().equals(steps.get(i + 2).rollbackOf())) {
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
            if (s.kind() == StepKind.ROLLBACK && (i < 2 || !steps.get(i - 2).id().equals(s.rollbackOf()))) {
                problems.add("rollback " + s.id() + " does not follow its fix");
            }
        }
        int firstClosing = firstIndexOf(steps, Set.of(StepKind.ESCALATE, StepKind.PREVENT));
        int firstFix = firstIndexOf(steps, Set.of(StepKind.FIX));
        if (d.noKnownCause() && firstFix >= 0) {
            // No known cause: the evidence is gathered before any fix for a weak candidate.
            int escalation = firstIndexOf(steps, Set.of(StepKind.ESCALATE));
            if (escalation < 0 || escalation > firstFix) {
                problems.add("no known cause fits, yet fix " + steps.get(firstFix).id() + " comes before the evidence is gathered");
            }
            firstClosing = firstIndexOf(steps, Set.of(StepKind.PREVENT));
        } else if (firstIndexOf(steps, Set.of(StepKind.ESCALATE)) >= 0 && firstFix > firstIndexOf(steps, Set.of(StepKind.ESCALATE))) {
            problems.add("a known cause fits, yet the escalation comes before its fixes");
        }
        if (firstClosing < 0 && firstIndexOf(steps, Set.of(StepKind.ESCALATE, StepKind.PREVENT)) < 0) {
            problems.add("the plan has no escalation or prevention");
        } else if (firstClosing >= 0) {
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

    @org.junit.jupiter.api.Test
    void theRebootDetectorTellsAnAnnouncedRestartFromAnImmediateOne() {
        assertTrue(rebootsAtOnce("shutdown /r /t 0"));
        assertTrue(rebootsAtOnce("shutdown.exe -r -f"));
        assertTrue(rebootsAtOnce("shutdown /r /t 600"), "no message to the users");
        assertTrue(rebootsAtOnce("Restart-Computer -Force"));
        assertTrue(!rebootsAtOnce("shutdown /r /t 600 /c \"Remote Desktop repair: restart in 10 minutes\""));
        assertTrue(!rebootsAtOnce("shutdown /a"));
    }

    /** A restart without a delay of a minute or more and a message to the users, or Restart-Computer. */
    static boolean rebootsAtOnce(String command) {
        String c = command.toLowerCase(java.util.Locale.ROOT);
        if (c.contains("restart-computer")) {
            return true;
        }
        var m = java.util.regex.Pattern.compile("shutdown(\\.exe)?\\s+[/-]r\\b").matcher(c);
        if (!m.find()) {
            return false;
        }
        var delay = java.util.regex.Pattern.compile("[/-]t\\s+(\\d+)").matcher(c);
        return !delay.find() || Integer.parseInt(delay.group(1)) < 60 || !c.matches(".*[/-]c\\s+\".+\".*");
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
