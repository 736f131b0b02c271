package org.rdpdiag.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Status;
import java.util.Map;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.plan.PlanStep;
import org.rdpdiag.plan.StepKind;
import org.rdpdiag.support.Examples;

/** The behaviours the diagnosis promises, on the bundled examples and the real knowledge base. */
class DiagnosisBehaviourTest {

    private static Diagnosis example(String name) {
        return Examples.diagnose(FactsReader.read(Path.of("facts/examples", name + ".yaml")));
    }

    private static CauseAssessment cause(Diagnosis d, String id) {
        return d.causes().stream().filter(a -> a.cause().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void onlyTheCodesConfirmNothingAndGiveAPlanOfChecks() {
        Diagnosis d = example("codes-only");
        assertTrue(d.causes().stream().allMatch(a -> a.status() == Status.POSSIBLE),
                "with only the codes every cause stays possible");
        List<StepKind> kinds = d.plan().steps().stream().map(PlanStep::kind).toList();
        assertTrue(d.plan().ofKind(StepKind.CHECK).size() >= 5, "a plan that starts by finding out: " + kinds);
        int firstFix = kinds.indexOf(StepKind.FIX);
        // No known cause fits: checks first, then the evidence gathered for escalation, then the weak candidates' fixes.
        assertTrue(d.noKnownCause());
        assertTrue(firstFix > 0 && kinds.subList(0, firstFix - 1).stream().allMatch(k -> k == StepKind.CHECK)
                        && kinds.get(firstFix - 1) == StepKind.ESCALATE, "checks, the evidence, then the first fix: " + kinds);
        assertTrue(kinds.lastIndexOf(StepKind.CHECK) < firstFix, "every check before the first fix: " + kinds);
        assertFalse(kinds.contains(StepKind.ROLLBACK), "no risky fix is worth trying blind: " + kinds);
        assertTrue(d.error().targeted());
    }

    @Test
    void aConfirmedCauseIsFixedFirstAndWhatIsWorthFindingOutIfThatFailsComesAfter() {
        Diagnosis d = example("termservice-stopped");
        List<StepKind> kinds = d.plan().steps().stream().map(PlanStep::kind).toList();
        assertEquals(List.of(StepKind.FIX, StepKind.VERIFY), kinds.subList(0, 2), kinds.toString());
        assertTrue(d.plan().steps().get(0).addresses().contains("termservice-stopped"));
        // Once that fix has failed, checks are worth more than the next fix: the stage ends there
        // and sends the user back to the consultation with what the checks find.
        PlanStep stageEnd = d.plan().steps().get(1);
        assertTrue(stageEnd.consultAgain(), stageEnd.instructions().toString());
        assertTrue(String.join(" ", stageEnd.instructions()).contains("rdpdiag ask --facts"), stageEnd.instructions().toString());
        assertEquals(StepKind.CHECK, kinds.get(2), "the checks of the next stage follow: " + kinds);
        assertEquals(1, d.plan().steps().stream().filter(PlanStep::consultAgain).count(), "one stage end: " + kinds);
    }

    @Test
    void whatNobodyCouldTellIsNotPlannedAsACheckAgain() {
        HostFacts codes = FactsReader.read(Path.of("facts/examples/codes-only.yaml"));
        PlanStep first = Examples.diagnose(codes).plan().steps().get(0);
        assertEquals(StepKind.CHECK, first.kind());
        // Every observation the check reads was asked for, and nobody could tell.
        Diagnosis after = Examples.diagnose(codes.withAnsweredUnknown(Set.copyOf(first.decides())));
        List<String> ids = after.plan().steps().stream().map(PlanStep::id).toList();
        assertFalse(ids.contains(first.id()), first.decides() + " were answered unknown: " + ids);
        assertEquals(Examples.diagnose(codes).causes().stream().map(a -> a.cause().id() + a.status()).toList(),
                after.causes().stream().map(a -> a.cause().id() + a.status()).toList(), "the rules read it as unknown");
    }

    @Test
    void possibleCausesAreRankedByTheirPriorPlausibility() {
        List<CauseAssessment> causes = example("codes-only").causes();
        for (int i = 1; i < causes.size(); i++) {
            assertTrue(causes.get(i - 1).confidence() >= causes.get(i).confidence(), "ranked by confidence");
        }
        assertEquals("listener-not-listening", causes.get(0).cause().id(),
                "Microsoft names a non-working listener as the main cause of this message");
    }

    @Test
    void twoCausesAtOnceAreBothConfirmedAndEachGetsItsFix() {
        Diagnosis d = example("two-causes-hardening-script");
        assertEquals(Status.CONFIRMED, cause(d, "tls12-disabled").status());
        assertEquals(Status.CONFIRMED, cause(d, "security-layer-mismatch").status());
        Set<String> addressed = d.plan().ofKind(StepKind.FIX).stream().flatMap(s -> s.addresses().stream())
                .collect(Collectors.toSet());
        assertTrue(addressed.containsAll(Set.of("tls12-disabled", "security-layer-mismatch")), addressed.toString());
        List<StepKind> kinds = d.plan().steps().stream().map(PlanStep::kind).toList();
        assertEquals(StepKind.FIX, kinds.get(0), "two established causes leave nothing worth checking first: " + kinds);
    }

    @Test
    void contradictoryObservationsLeaveTheCauseOpenFlaggedAndUnfixed() {
        Diagnosis d = example("contradictory-observations");
        CauseAssessment a = cause(d, "termservice-stopped");
        assertEquals(Status.POSSIBLE, a.status());
        assertTrue(a.conflicting());
        assertFalse(a.support().isEmpty());
        assertFalse(a.against().isEmpty());
        assertTrue(a.reason().contains("contradict"), a.reason());
        assertEquals(a, d.causes().stream().filter(c -> c.status() == Status.POSSIBLE).findFirst().orElseThrow(),
                "a contradiction leads the open causes");
        // The LAN reading that contradicts the stopped service no longer excludes the listener.
        CauseAssessment listener = cause(d, "listener-not-listening");
        assertEquals(Status.POSSIBLE, listener.status(), listener.reason());
        assertFalse(listener.conflicting());
        assertTrue(d.plan().ofKind(StepKind.FIX).stream().noneMatch(s -> s.addresses().contains("termservice-stopped")));
        List<String> reread = d.plan().ofKind(StepKind.CHECK).stream().flatMap(s -> s.decides().stream()).toList();
        assertTrue(reread.contains("host.termServiceState"), "the plan re-reads the contradicted observation: " + reread);
    }

    @Test
    void evidenceNamesTheRuleItsFileAndTheObservedValues() {
        CauseAssessment a = cause(example("expired-self-signed-cert"), "rdp-certificate-invalid");
        var decisive = a.support().stream().filter(i -> i.weight().decisive()).findFirst().orElseThrow();
        assertTrue(decisive.rule().startsWith("rdp-certificate-invalid: "));
        assertEquals("rules/certificate.drl", decisive.file());
        assertTrue(decisive.facts().stream().anyMatch(f -> f.path().equals("host.certificateState")
                && "expired".equals(f.value())), decisive.facts().toString());
    }

    @Test
    void ruledOutCausesSayWhy() {
        Diagnosis d = example("expired-self-signed-cert");
        List<CauseAssessment> out = d.causes().stream().filter(a -> a.status() == Status.RULED_OUT).toList();
        assertFalse(out.isEmpty());
        for (CauseAssessment a : out) {
            assertTrue(a.reason().startsWith("excluded by rule"), a.reason());
            assertTrue(a.against().stream().anyMatch(i -> i.weight().decisive() && !i.facts().isEmpty()),
                    a.cause().id() + " names the observation that excludes it");
        }
    }

    @Test
    void theSeedsLicensingClaimIsReportedAsWrong() {
        Diagnosis d = example("codes-only");
        assertTrue(d.error().seedClaims().stream().anyMatch(c -> c.code().equals("main:2308")
                && c.claim().toLowerCase().contains("licens") && c.verdict().startsWith("Wrong")));
        CauseAssessment licensing = cause(d, "rds-licensing-unavailable");
        assertEquals("doubtful", licensing.cause().claimStatus().word());
        assertTrue(licensing.cause().claimNote().contains("0x808"));
    }

    @Test
    void otherCodesDecodeWithANoteThatTheKnowledgeBaseTargets0x904And0x7() {
        HostFacts facts = HostFacts.of(org.rdpdiag.facts.Vocabulary.bundled(), "x", Map.of("error.mainCode", 0x204, "error.extendedCode", 0));
        ErrorDecoding e = Examples.diagnose(facts).error();
        assertFalse(e.targeted());
        assertEquals("disconnectReasonSocketConnectFailed", e.main().name());
        assertEquals("0x204", e.main().hex());
        assertEquals("exDiscReasonNoInfo", e.extended().name());
        assertTrue(e.notes().get(0).contains("built for error code 0x904 with extended code 0x7"), e.notes().get(0));
        assertTrue(e.notes().stream().anyMatch(n -> n.contains("0x204")), "the code's own note is shown");
    }

    @Test
    void unknownAndMissingCodesAreSaidPlainly() {
        ErrorDecoding unknown = Examples.diagnose(HostFacts.of(org.rdpdiag.facts.Vocabulary.bundled(), "x", Map.of("error.mainCode", 0x9999))).error();
        assertFalse(unknown.main().known());
        assertNull(unknown.main().name());
        assertNull(unknown.extended());
        assertTrue(unknown.notes().stream().anyMatch(n -> n.contains("not in the code table")));

        ErrorDecoding missing = Examples.diagnose(HostFacts.unknown(org.rdpdiag.facts.Vocabulary.bundled(), "x")).error();
        assertNull(missing.main());
        assertTrue(missing.notes().get(0).contains("do not record the error codes"));
    }
}
