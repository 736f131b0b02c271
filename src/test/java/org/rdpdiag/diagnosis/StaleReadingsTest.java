package org.rdpdiag.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.StaleReadings.StaleReading;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.interview.Interview;
import org.rdpdiag.knowledge.Question;
import org.rdpdiag.report.MarkdownReport;
import org.rdpdiag.report.ReportModel;
import org.rdpdiag.report.ReportOptions;
import org.rdpdiag.report.TextReport;
import org.rdpdiag.support.Examples;

/**
 * A reading made before the last change is told apart from a contradiction: where the facts say
 * what was read again since, an older reading that a step tried since changes, or that a newer
 * reading cannot hold with, is set aside and named; readings of the same age stay a contradiction.
 */
class StaleReadingsTest {
    private static final String SERVICE_STOPPED = "error: {mainCode: \"0x904\", extendedCode: \"0x7\", timing: immediately}\n"
            + "host: {termServiceState: stopped, listenerState: listening}\n";

    private static HostFacts read(String yaml) {
        return FactsReader.read(yaml, "s.yaml", FactsReader.Format.YAML);
    }

    private static Status status(Diagnosis d, String cause) {
        return d.causes().stream().filter(a -> a.cause().id().equals(cause)).findFirst().orElseThrow().status();
    }

    private static List<String> setAside(Diagnosis d) {
        return d.setAside().stream().map(StaleReading::path).toList();
    }

    @Test
    void theListIsReadAndWrittenBackAndAbsentMeansTheFileDoesNotSay() {
        HostFacts facts = read("host: {nlaRequired: true, securityLayer: rdp}\nrechecked: [host.securityLayer]\n");
        assertEquals(Set.of("host.securityLayer"), facts.rechecked());
        assertTrue(facts.readBeforeLastChange("host.nlaRequired"));
        assertFalse(facts.readBeforeLastChange("host.securityLayer"));
        assertFalse(facts.readBeforeLastChange("host.fipsEnabled"), "an unknown observation is read at no time");
        assertEquals(List.of("host.securityLayer"), FactValues.nested(facts).get("rechecked"));
        HostFacts json = FactsReader.read("{\"host\": {\"nlaRequired\": true, \"securityLayer\": \"rdp\"}, "
                + "\"rechecked\": [\"host.securityLayer\"]}", "s.json", FactsReader.Format.JSON);
        assertEquals(facts.rechecked(), json.rechecked());
        assertNull(read("host: {nlaRequired: true}\n").rechecked());
        assertFalse(read("host: {nlaRequired: true}\n").readBeforeLastChange("host.nlaRequired"));
        assertEquals(Set.of(), read("host: {nlaRequired: true}\nrechecked: []\n").rechecked());
        assertTrue(read("host: {nlaRequired: true}\nrechecked: []\n").readBeforeLastChange("host.nlaRequired"));
    }

    @Test
    void aRecheckedPathWithoutAValueOrMisspeltIsRefusedAtItsPlace() {
        FactsException e = assertThrows(FactsException.class,
                () -> read("host: {nlaRequired: true}\nrechecked: [host.nlaRequired, host.fipsEnabled]\n"));
        assertTrue(e.getMessage().contains("s.yaml:2:31: error: host.fipsEnabled is listed as re-checked but has no value"),
                e.getMessage());
        FactsException typo = assertThrows(FactsException.class, () -> read("host: {nlaRequired: true}\nrechecked: [host.nlaRequird]\n"));
        assertTrue(typo.getMessage().contains("did you mean 'host.nlaRequired'?"), typo.getMessage());
    }

    @Test
    void aReadingThatTheStepTriedSinceChangesIsSetAsideUnlessReadAgain() {
        String base = SERVICE_STOPPED.replace("listenerState: listening", "listenerPort: 3389")
                + "tried:\n  - {step: start-termservice, outcome: still-fails}\n";
        Diagnosis stale = Examples.diagnose(read(base + "rechecked: [host.listenerPort]\n"));
        assertEquals(List.of("host.termServiceState"), setAside(stale));
        assertTrue(stale.setAside().get(0).reason().contains("start-termservice"), stale.setAside().get(0).reason());
        assertNull(stale.facts().value("host.termServiceState"), "the diagnosis does not stand on it");
        assertTrue(status(stale, "termservice-stopped") != Status.CONFIRMED);

        Diagnosis fresh = Examples.diagnose(read(base + "rechecked: [host.listenerPort, host.termServiceState]\n"));
        assertEquals(List.of(), setAside(fresh), "read again after the step: the service really is still stopped");
        assertEquals(Status.CONFIRMED, status(fresh, "termservice-stopped"));

        assertEquals(List.of(), setAside(Examples.diagnose(read(base))), "the file does not say when it was read");
        Diagnosis notApplied = Examples.diagnose(read(base.replace("still-fails", "could-not-apply") + "rechecked: []\n"));
        assertEquals(List.of(), setAside(notApplied), "a step that could not be carried out changed nothing");
    }

    @Test
    void aNewerReadingOutweighsAnOlderOneItCannotHoldWithInsteadOfMakingAContradiction() {
        Diagnosis d = Examples.diagnose(read(SERVICE_STOPPED + "rechecked: [host.listenerState]\n"));
        assertEquals(List.of("host.termServiceState"), setAside(d));
        String reason = d.setAside().get(0).reason();
        assertTrue(reason.contains("host.listenerState = listening") && reason.contains("listener-up-without-its-service"), reason);
        assertTrue(d.causes().stream().noneMatch(CauseAssessment::conflicting), "no contradiction is left");
        assertEquals(Status.RULED_OUT, status(d, "termservice-stopped"));
        assertEquals(Status.RULED_OUT, status(d, "listener-not-listening"));
    }

    @Test
    void readingsOfTheSameAgeStayAContradiction() {
        for (String timing : List.of("", "rechecked: []\n", "rechecked: [host.listenerState, host.termServiceState]\n")) {
            Diagnosis d = Examples.diagnose(read(SERVICE_STOPPED + timing));
            assertEquals(List.of(), setAside(d), timing);
            assertTrue(d.causes().stream().anyMatch(CauseAssessment::conflicting), timing);
        }
    }

    @Test
    void theInterviewAsksForAStaleReadingAgainAndItsAnswerIsCurrent() {
        HostFacts start = read(SERVICE_STOPPED.replace("listenerState: listening", "listenerPort: 3389")
                + "tried:\n  - {step: start-termservice, outcome: still-fails}\nrechecked: [host.listenerPort]\n");
        Interview interview = new Interview(Examples.service(), start);
        assertEquals(List.of("host.termServiceState"), setAside(interview.diagnosis()));
        Question service = Examples.service().knowledgeBase().catalog().questions().stream()
                .filter(q -> q.fact().equals("host.termServiceState")).findFirst().orElseThrow();
        interview.answer(service, "stopped");
        assertTrue(interview.facts().rechecked().contains("host.termServiceState"), "answered now, so read after the change");
        Diagnosis after = interview.diagnosis();
        assertEquals(List.of(), setAside(after));
        assertEquals(Status.CONFIRMED, status(after, "termservice-stopped"));
    }

    @Test
    void everyReportNamesTheReadingSetAsideAndWhy() {
        Diagnosis d = Examples.diagnose(read(SERVICE_STOPPED + "rechecked: [host.listenerState]\n"));
        ReportOptions plain = ReportOptions.PLAIN;
        String text = TextReport.render(d, plain);
        assertTrue(text.contains("STALE READINGS, SET ASIDE") && text.contains("host.termServiceState = stopped"), text);
        String md = MarkdownReport.render(d, plain);
        assertTrue(md.contains("## Stale readings, set aside") && md.contains("`host.termServiceState = stopped`"), md);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> json = (List<Map<String, Object>>) ReportModel.of(d, plain).get("setAside");
        assertEquals("host.termServiceState", json.get(0).get("path"));
        assertEquals("stopped", json.get(0).get("value"));
        assertTrue(String.valueOf(json.get(0).get("reason")).contains("re-checked since"));
        assertEquals(List.of(), ReportModel.of(Examples.diagnose(read(SERVICE_STOPPED)), plain).get("setAside"));
    }
}
