package org.rdpdiag.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rdpdiag.authoring.CaseReader;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.knowledge.Contradiction;
import org.rdpdiag.plan.PlanStep;
import org.rdpdiag.plan.StepKind;
import org.rdpdiag.support.Examples;

/**
 * Observations the knowledge declares unable to hold together are reported as a contradiction
 * wherever they do, whichever rules read them: no cause is settled on them, no fix is planned on
 * their strength, and the plan reads them again first.
 */
class DeclaredContradictionsTest {
    private static final List<Contradiction> DECLARED = Examples.service().knowledgeBase().catalog().contradictions();

    @Test
    void theKnowledgeDeclaresTheContradictionsOfThePairsItKnows() {
        assertTrue(DECLARED.size() >= 8, DECLARED.toString());
        for (Contradiction k : DECLARED) {
            assertTrue(k.sides().size() >= 2 && !k.reason().isBlank() && !k.sources().isEmpty(), k.id());
        }
    }

    @Test
    void everyContradictionInTheLibraryIsReportedWithBothReadings() throws IOException {
        int found = 0;
        for (Path file : libraryFiles()) {
            HostFacts facts = CaseReader.factsOf(file);
            for (Contradiction k : DECLARED) {
                if (!k.holds(facts)) {
                    continue;
                }
                found++;
                Diagnosis d = Examples.diagnose(facts);
                if (!k.holds(d.facts())) {
                    // Told apart as a stale reading: the older side is set aside and named instead.
                    assertTrue(d.setAside().stream().anyMatch(r -> k.paths().contains(r.path())), file + ": " + k.id());
                    continue;
                }
                List<CauseAssessment> causes = d.causes();
                List<CauseAssessment> reported = causes.stream().filter(CauseAssessment::conflicting).toList();
                assertFalse(reported.isEmpty(), file + ": " + k.id() + " is reported");
                String text = String.join("\n", reported.stream().map(CauseAssessment::reason).toList());
                for (String path : k.paths()) {
                    assertTrue(text.contains(path + " = "), file + ": " + k.id() + " names " + path + ": " + text);
                }
            }
        }
        assertTrue(found >= 3, "the library holds declared contradictions: " + found);
    }

    @Test
    void aListenerUpWithItsServiceStoppedSettlesNothingAndIsReadAgainFirst() {
        HostFacts facts = FactValues.toFacts(Vocabulary.bundled(), "x", Map.of("error.mainCode", 2308, "error.extendedCode", 7,
                "host.listenerState", "listening", "host.termServiceState", "stopped"));
        Diagnosis d = Examples.diagnose(facts);
        CauseAssessment stopped = d.causes().stream().filter(a -> a.cause().id().equals("termservice-stopped")).findFirst().orElseThrow();
        CauseAssessment listener = d.causes().stream().filter(a -> a.cause().id().equals("listener-not-listening")).findFirst().orElseThrow();
        // Without the declaration, the first would be confirmed and the second ruled out: the first
        // is flagged, the second simply open again.
        assertTrue(stopped.conflicting() && stopped.status() == Status.POSSIBLE, stopped.reason());
        assertTrue(!listener.conflicting() && listener.status() == Status.POSSIBLE, listener.reason());
        assertTrue(listener.reason().contains("listener-up-without-its-service"), listener.reason());
        assertTrue(stopped.reason().contains("listener-up-without-its-service"), stopped.reason());
        List<String> fixes = d.plan().steps().stream().filter(s -> s.kind() == StepKind.FIX).map(PlanStep::id).toList();
        assertFalse(fixes.contains("start-termservice"), fixes.toString());
        List<String> first = d.plan().steps().stream().limit(2).map(PlanStep::id).toList();
        assertEquals(List.of("check-rdp-listener", "check-rds-services"), first);
    }

    @Test
    void aVerdictThatAnotherReadingGivesOnItsOwnStands() {
        // LAN users connecting contradicts a stopped service; that Remote Desktop is switched on is
        // read directly, so "switched off locally" stays ruled out.
        HostFacts facts = FactValues.toFacts(Vocabulary.bundled(), "x", Map.of("error.mainCode", 2308, "error.extendedCode", 7,
                "network.lanWorks", true, "host.termServiceState", "stopped", "host.remoteDesktopEnabled", true));
        CauseAssessment local = Examples.diagnose(facts).causes().stream()
                .filter(a -> a.cause().id().equals("rdp-disabled-locally")).findFirst().orElseThrow();
        assertEquals(Status.RULED_OUT, local.status(), local.reason());
        assertFalse(local.conflicting());
    }

    private static List<Path> libraryFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("facts", "examples"), Path.of("rules", "cases"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
            }
        }
        return out;
    }
}
