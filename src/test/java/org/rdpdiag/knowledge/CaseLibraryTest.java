package org.rdpdiag.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rdpdiag.authoring.CaseReader;
import org.rdpdiag.authoring.CaseSpec;
import org.rdpdiag.authoring.LibraryRun;
import org.rdpdiag.report.CaseLibraryReport;
import org.rdpdiag.report.Style;
import org.rdpdiag.support.TestKnowledge;

/** The project's case library, run as {@code rules test} runs it, one test per case. */
class CaseLibraryTest {
    private static LibraryRun run;

    private static synchronized LibraryRun run() {
        if (run == null) {
            run = LibraryRun.run(TestKnowledge.kb(), TestKnowledge.RULES, false);
        }
        return run;
    }

    @TestFactory
    Stream<DynamicTest> everyCaseDiagnosesAsRecorded() {
        return run().outcomes().stream().map(o -> DynamicTest.dynamicTest(o.spec().name(), () -> assertTrue(o.passed(),
                () -> CaseLibraryReport.render(new LibraryRun(List.of(o), List.of(), run().coverage()), TestKnowledge.kb(),
                        false, new Style(false)))));
    }

    @Test
    void everyCaseFileIsReadable() {
        assertEquals(List.of(), run().unreadable());
        assertTrue(run().outcomes().size() >= 30, "the library holds " + run().outcomes().size() + " cases");
    }

    @Test
    void everyCauseIsConfirmedByOneCaseAndRuledOutByAnother() {
        List<CaseSpec> cases = CaseReader.library(TestKnowledge.RULES).cases();
        List<String> missing = new ArrayList<>();
        for (var cause : TestKnowledge.kb().catalog().causes()) {
            for (String status : List.of("confirmed", "ruled_out")) {
                if (cases.stream().noneMatch(c -> status.equals(c.expect().causes().get(cause.id())))) {
                    missing.add(cause.id() + " has no case expecting " + status);
                }
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    @Test
    void theLibraryConfirmsEveryCauseFiresEveryRuleAndPlansEveryFix() {
        assertEquals(List.of(), run().coverage().causes().missed(), "causes never confirmed");
        assertEquals(List.of(), run().coverage().rules().missed(), "rules never fired");
        assertEquals(List.of(), run().coverage().fixes().missed(), "fixes never planned");
    }
}
