package org.rdpdiag.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdpdiag.engine.FactValue;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Note;
import org.rdpdiag.plan.PlanStep;
import org.rdpdiag.plan.StepKind;
import org.rdpdiag.report.MarkdownReport;
import org.rdpdiag.report.ReportModel;
import org.rdpdiag.report.ReportOptions;
import org.rdpdiag.report.TextReport;
import org.rdpdiag.support.Examples;

/**
 * When no known cause is better than possible the report says so first, names the observations no
 * rule could use and the notes no rule reads, and the plan gathers evidence before any weak fix.
 */
class NoKnownCauseTest {
    private static final String UNDECIDED = "error: {mainCode: \"0x904\", extendedCode: \"0x7\", timing: immediately}\n"
            + "client: {os: Windows 11 Pro 24H2}\n"
            + "notes:\n  - {side: path, text: \"IPS log shows a reset right after the TLS client hello\"}\n";

    private static HostFacts read(String yaml) {
        return FactsReader.read(yaml, "n.yaml", FactsReader.Format.YAML);
    }

    private static int first(List<PlanStep> steps, StepKind kind) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).kind() == kind) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void notesAreReadWrittenBackAndRefusedWhenWrong() {
        HostFacts facts = read(UNDECIDED);
        assertEquals(List.of(new Note(Note.Side.PATH, "IPS log shows a reset right after the TLS client hello")), facts.notes());
        assertEquals(facts.notes(), read(new tools.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(FactValues.nested(facts))).notes(),
                "an export keeps them");
        FactsException side = assertThrows(FactsException.class, () -> read("notes:\n  - {side: hots, text: x}\n"));
        assertTrue(side.getMessage().contains("n.yaml:2:12") && side.getMessage().contains("did you mean 'host'?"), side.getMessage());
        FactsException blank = assertThrows(FactsException.class, () -> read("notes:\n  - {side: host, text: \"  \"}\n"));
        assertTrue(blank.getMessage().contains("n.yaml:2:"), blank.getMessage());
        FactsException missing = assertThrows(FactsException.class, () -> read("notes:\n  - {side: host}\n"));
        assertTrue(missing.getMessage().contains("text"), missing.getMessage());
    }

    @Test
    void theReportSaysNoKnownCauseFirstWithWhatItCouldNotUse() {
        Diagnosis d = Examples.diagnose(read(UNDECIDED));
        assertTrue(d.noKnownCause());
        assertTrue(d.unusedObservations().contains(new FactValue("client.os", "Windows 11 Pro 24H2")), d.unusedObservations().toString());
        assertFalse(d.unusedObservations().stream().anyMatch(v -> v.path().equals("error.timing")), "rules read the timing");
        String text = TextReport.render(d, ReportOptions.PLAIN);
        int summary = text.indexOf("No known cause: none of the");
        assertTrue(summary > 0 && summary < text.indexOf("  Causes"), "said first, before the causes: " + text);
        assertTrue(text.contains("NO KNOWN CAUSE") && text.contains("client.os = Windows 11 Pro 24H2")
                && text.contains("path: IPS log shows a reset"), text);
        String md = MarkdownReport.render(d, ReportOptions.PLAIN);
        assertTrue(md.contains("## No known cause") && md.contains("## Notes") && md.contains("`client.os = Windows 11 Pro 24H2`"), md);
        Map<String, Object> json = ReportModel.of(d, ReportOptions.PLAIN);
        assertEquals(true, json.get("noKnownCause"));
        assertEquals(List.of(Map.of("side", "path", "text", "IPS log shows a reset right after the TLS client hello")), json.get("notes"));
        assertTrue(String.valueOf(json.get("unusedObservations")).contains("client.os"));
    }

    @Test
    void thePlanGathersTheEvidenceBeforeAnyFixForAWeakCandidate() {
        List<PlanStep> steps = Examples.diagnose(read(UNDECIDED)).plan().steps();
        int escalation = first(steps, StepKind.ESCALATE);
        int fix = first(steps, StepKind.FIX);
        assertTrue(escalation >= 0 && (fix < 0 || escalation < fix), steps.stream().map(PlanStep::id).toList().toString());
        assertTrue(steps.get(escalation).why().contains("no known cause"), steps.get(escalation).why());
    }

    @Test
    void aConfirmedCauseIsNoHonestGapAndItsFixComesBeforeEscalation() {
        Diagnosis d = Examples.diagnose(read("error: {mainCode: \"0x904\", extendedCode: \"0x7\"}\nhost: {termServiceState: stopped}\n"));
        assertFalse(d.noKnownCause());
        assertFalse(TextReport.render(d, ReportOptions.PLAIN).contains("NO KNOWN CAUSE"));
        assertEquals(false, ReportModel.of(d, ReportOptions.PLAIN).get("noKnownCause"));
        List<PlanStep> steps = d.plan().steps();
        assertTrue(first(steps, StepKind.FIX) < first(steps, StepKind.ESCALATE));
    }

    @Test
    void aRecentUpgradeAloneIsACircumstanceNotAKnownCause() {
        Diagnosis d = Examples.diagnose(read("error: {mainCode: \"0x904\", extendedCode: \"0x7\"}\nhost: {recentMajorUpdate: true}\n"));
        assertTrue(d.causes().stream().anyMatch(a -> a.cause().isContext() && a.status() != org.rdpdiag.engine.Status.POSSIBLE
                && a.status() != org.rdpdiag.engine.Status.RULED_OUT), "the upgrade is established");
        assertTrue(d.noKnownCause());
    }
}
