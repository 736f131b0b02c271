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
}
