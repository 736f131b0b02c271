package org.rdpdiag.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.EngineResult;
import org.rdpdiag.engine.Status;
import org.rdpdiag.support.CaseFile;
import org.rdpdiag.support.TestKnowledge;

/** Runs every recorded case and checks that the library covers every cause both ways. */
class CaseLibraryTest {
    static final Path CASES = Path.of("rules", "cases");

    @TestFactory
    Stream<DynamicTest> everyCaseDiagnosesAsRecorded() throws IOException {
        return CaseFile.all(CASES).stream().map(c -> DynamicTest.dynamicTest(c.path().getFileName().toString(), () -> {
            EngineResult result = TestKnowledge.engine().run(c.facts());
            Map<String, CauseAssessment> byId = result.causes().stream()
                    .collect(Collectors.toMap(a -> a.cause().id(), a -> a));
            List<String> failures = new ArrayList<>();
            c.expectedStatus().forEach((cause, status) -> {
                CauseAssessment a = byId.get(cause);
                if (a == null) {
                    failures.add("expects unknown cause " + cause);
                } else if (!a.status().word().equals(status)) {
                    failures.add(cause + ": expected " + status + ", got " + a.status().word() + " (" + a.reason() + ")");
                }
            });
            for (String cause : c.notConfirmed()) {
                if (byId.containsKey(cause) && byId.get(cause).status() == Status.CONFIRMED) {
                    failures.add(cause + " must not be confirmed, but " + byId.get(cause).reason());
                }
            }
            if (c.topCause() != null) {
                assertEquals(c.topCause(), result.causes().get(0).cause().id(), "top cause");
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        }));
    }

    @Test
    void everyCauseIsConfirmedByOneCaseAndRuledOutByAnother() throws IOException {
        List<CaseFile> cases = CaseFile.all(CASES);
        List<String> missing = new ArrayList<>();
        for (var cause : TestKnowledge.kb().catalog().causes()) {
            for (String status : List.of("confirmed", "ruled_out")) {
                boolean covered = cases.stream().anyMatch(c -> status.equals(c.expectedStatus().get(cause.id())));
                if (!covered) {
                    missing.add(cause.id() + " has no case expecting " + status);
                }
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    @Test
    void theCaseLibraryIsNotEmpty() throws IOException {
        assertFalse(CaseFile.all(CASES).isEmpty());
    }
}
