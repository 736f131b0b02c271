package org.rdpdiag.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.plan.PlanStep;
import org.rdpdiag.support.Examples;

/** A cause the catalogue says another explains is reported as its consequence, after it, and fixed after it. */
class CausesExplainingCausesTest {

    private static Diagnosis diagnose(Map<String, Object> observations) {
        HostFacts facts = FactValues.toFacts(Vocabulary.bundled(), "x", observations);
        return Examples.diagnose(facts);
    }

    private static CauseAssessment cause(Diagnosis d, String id) {
        return d.causes().stream().filter(a -> a.cause().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theRootRanksAndIsRepairedBeforeItsConsequence() {
        Diagnosis d = diagnose(Map.of("error.mainCode", 2308, "error.extendedCode", 7, "host.azureVm", false,
                "host.certificateKind", "self-signed", "host.certificateState", "missing",
                "host.networkServiceMachineKeysAccess", false));
        List<String> order = d.causes().stream().map(a -> a.cause().id()).toList();
        assertTrue(order.indexOf("machinekeys-network-service-access") < order.indexOf("rdp-certificate-invalid"), order.toString());
        CauseAssessment consequence = cause(d, "rdp-certificate-invalid");
        assertTrue(consequence.reason().contains("a consequence of machinekeys-network-service-access, which is repaired first"),
                consequence.reason());
        List<String> steps = d.plan().steps().stream().map(PlanStep::id).toList();
        assertTrue(steps.indexOf("grant-network-service-rdp-key-read") >= 0, steps.toString());
        assertTrue(steps.indexOf("grant-network-service-rdp-key-read") < steps.indexOf("regenerate-rdp-self-signed-certificate"),
                steps.toString());
    }

    @Test
    void withoutItsRootTheConsequenceIsRepairedAsBefore() {
        Diagnosis d = diagnose(Map.of("error.mainCode", 2308, "error.extendedCode", 7, "host.azureVm", false,
                "host.certificateKind", "self-signed", "host.certificateState", "missing",
                "host.networkServiceMachineKeysAccess", true));
        CauseAssessment consequence = cause(d, "rdp-certificate-invalid");
        assertTrue(!consequence.reason().contains("consequence"), consequence.reason());
        assertEquals("regenerate-rdp-self-signed-certificate", d.plan().steps().get(0).id());
    }

    @Test
    void aCircumstanceIsNamedButNotRepaired() {
        Diagnosis d = diagnose(Map.of("error.mainCode", 2308, "error.extendedCode", 7, "host.recentMajorUpdate", true,
                "network.firewallRuleEnabled", false, "network.portReachable", false));
        CauseAssessment firewall = cause(d, "firewall-blocks-rdp");
        assertTrue(firewall.reason().contains("brought about by after-major-update"), firewall.reason());
        assertTrue(!firewall.reason().contains("repaired first"), firewall.reason());
    }

    @Test
    void theInterviewDoesNotStopAtTheConsequenceWhileItsRootIsUntested() {
        HostFacts start = FactValues.toFacts(Vocabulary.bundled(), "x", Map.of("error.mainCode", 2308, "error.extendedCode", 7,
                "error.timing", "immediately", "host.certificateKind", "self-signed", "host.certificateState", "expired",
                "host.termServiceState", "running", "host.listenerState", "listening"));
        org.rdpdiag.interview.Interview interview = new org.rdpdiag.interview.Interview(Examples.service(), start);
        assertEquals(org.rdpdiag.engine.Status.CONFIRMED, cause(interview.diagnosis(), "rdp-certificate-invalid").status());
        org.rdpdiag.interview.Interview.Selection next = interview.next();
        assertTrue(!next.finished(), "the root is untested: " + next.endReason());
        assertEquals("rdp-certificate-invalid", next.question().value().rootOf());
        String fact = next.question().question().fact();
        assertTrue(Examples.service().knowledgeBase().rulesFor("machinekeys-network-service-access").stream()
                        .anyMatch(r -> "confirms".equals(r.weight()) && r.reads().contains(fact))
                        || Examples.service().knowledgeBase().rulesFor("machinekeys-store-corrupt").stream()
                        .anyMatch(r -> "confirms".equals(r.weight()) && r.reads().contains(fact)),
                fact + " is a reading that can confirm a root");
        // Once the root was asked about, even with no answer, the interview may end at the fix.
        interview.answer(next.question().question(), null);
        org.rdpdiag.interview.Interview.Selection after = interview.next();
        assertTrue(after.finished() || after.question().value().rootOf() == null
                || !after.question().question().fact().equals(fact), "the same root question is not asked twice");
        // With the root excluded, the consequence's own fix is where the interview ends.
        HostFacts tested = FactValues.toFacts(Vocabulary.bundled(), "x", Map.of("error.mainCode", 2308, "error.extendedCode", 7,
                "error.timing", "immediately", "host.certificateKind", "self-signed", "host.certificateState", "expired",
                "host.termServiceState", "running", "host.listenerState", "listening",
                "host.networkServiceMachineKeysAccess", true, "host.eventIdsSeen", List.of(1057)));
        org.rdpdiag.interview.Interview.Selection end = new org.rdpdiag.interview.Interview(Examples.service(), tested).next();
        assertTrue(end.finished() || end.question().value().rootOf() == null, "no untested root is left");
    }
}
