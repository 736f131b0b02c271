package org.rdpdiag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.authoring.CaseReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.interview.Replay;
import org.rdpdiag.knowledge.Catalog;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.Costs;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.support.Examples;

/** {@code bench cost}: what each step of a consultation costs, and which files count. */
class CostBenchmarkTest {
    private static final Path EXPIRED = Path.of("facts/examples/expired-self-signed-cert.yaml");
    private static final Path CODES_ONLY = Path.of("facts/examples/codes-only.yaml");

    private final CostBenchmark bench = new CostBenchmark(Examples.service(), null);
    private final Catalog catalog = Examples.service().knowledgeBase().catalog();
    private final Costs costs = catalog.costs();
    /** The two files, measured once for every test (the interviews are the slow part). */
    private static List<CostBenchmark.Row> rows;

    private List<CostBenchmark.Row> rows() {
        synchronized (CostBenchmarkTest.class) {
            if (rows == null) {
                rows = bench.measure(List.of(CODES_ONLY, EXPIRED));
            }
            return rows;
        }
    }

    @Test
    void aPlanThatStartsWithTheRightFixCostsTheOracleAfterTheInterview() {
        CostBenchmark.Row row = rows().get(1);
        assertEquals("examples/expired-self-signed-cert", row.file());
        assertEquals("rdp-certificate-invalid", row.cause());
        assertEquals("certificate", row.family());
        CostBenchmark.Walk walk = row.current().walk();
        assertTrue(walk.resolved(), walk.toString());
        assertEquals(0, walk.wrongFixes());
        assertEquals(0, walk.checks());
        assertEquals(row.oracle(), walk.minutes(), 1e-9, "the first step is the oracle's fix: " + walk);
        assertEquals(Boolean.TRUE, row.current().fixEarly());
        assertEquals(0, row.current().unsafeChecks());
    }

    @Test
    void theTotalIsTheInterviewsQuestionsPlusThePlanWalk() {
        HostFacts full = CaseReader.factsOf(EXPIRED);
        Replay.Transcript t = Replay.run(Examples.service(), HostFacts.unknown(full.vocabulary(), full.id()), full);
        double asked = 0;
        int first = 0;
        for (Replay.Step s : t.steps()) {
            var q = catalog.question(s.questionId()).orElseThrow();
            asked += costs.of(q, q.check() == null ? null : catalog.check(q.check()).orElseThrow()).total();
            first += q.askFirst() ? 1 : 0;
        }
        CostBenchmark.Consultation c = rows().get(1).current();
        assertEquals(t.steps().size(), c.questions());
        assertEquals(first, c.askedFirst());
        assertEquals(2, c.askedFirst(), "the two codes");
        assertEquals(asked, c.questionMinutes(), 1e-9);
        assertEquals(asked + c.walk().minutes(), c.total(), 1e-9);
    }

    @Test
    void aFileThatEstablishesNoCauseHasNoCauseToReachAndIsLeftOutOfTheCostMeans() {
        List<CostBenchmark.Row> measured = rows();
        assertEquals(List.of("examples/codes-only", "examples/expired-self-signed-cert"), measured.stream().map(CostBenchmark.Row::file).toList());
        CostBenchmark.Row none = measured.get(0);
        assertFalse(none.reachable());
        assertEquals(CostBenchmark.NO_CAUSE, none.family());
        assertTrue(none.rightCauses().isEmpty());
        assertNull(none.current().fixEarly(), "nothing is confirmed on the full facts");
        CostBenchmark.Figures all = CostBenchmark.figures(measured, CostBenchmark.Row::current);
        assertEquals(2, all.files());
        assertEquals(1, all.reachable());
        assertEquals(measured.get(1).current().total(), all.cost(), 1e-9, "only the file with a cause counts");
        assertEquals((none.current().questions() + measured.get(1).current().questions()) / 2.0, all.questions(), 1e-9,
                "but its questions do");
        assertTrue(bench.summary(measured).stream().anyMatch(l -> l.contains("no cause to reach") && l.contains("examples/codes-only")));
    }

    @Test
    void aWrongRiskyFixCostsItsVerificationAndItsRollbackBeforeTheWalkGoesOn() {
        Fix risky = catalog.fixes().stream().filter(f -> "fix".equals(f.kind()) && f.risky()).findFirst().orElseThrow();
        Fix right = catalog.fixes().stream().filter(f -> "fix".equals(f.kind()) && !f.risky()).findFirst().orElseThrow();
        Check check = catalog.checks().iterator().next();
        List<CostBenchmark.Step> plan = List.of(
                new CostBenchmark.Step("check", check.id(), List.of("a"), null),
                new CostBenchmark.Step("fix", risky.id(), List.of("wrong-cause"), null),
                new CostBenchmark.Step("verify", risky.id() + "-verify", List.of("wrong-cause"), null),
                new CostBenchmark.Step("rollback", risky.id() + "-rollback", List.of("wrong-cause"), risky.id()),
                new CostBenchmark.Step("fix", right.id(), List.of("right-cause"), null),
                new CostBenchmark.Step("verify", right.id() + "-verify", List.of("right-cause"), null),
                new CostBenchmark.Step("escalate", "escalate-with-evidence", List.of(), null));
        CostBenchmark.Walk walk = bench.walk(plan, Set.of("right-cause"));
        assertTrue(walk.resolved());
        assertEquals(1, walk.checks());
        assertEquals(1, walk.wrongFixes());
        double expected = costs.of(check).total() + costs.of(risky).total() + CostBenchmark.VERIFY_MINUTES
                + costs.of(risky).minutes() + costs.of(right).total();
        assertEquals(expected, walk.minutes(), 1e-9, "stops at the right fix: neither its verification nor escalation");

        CostBenchmark.Walk handedOn = bench.walk(plan, Set.of("another-cause"));
        assertFalse(handedOn.resolved());
        assertEquals(2, handedOn.wrongFixes());
        assertEquals(expected + CostBenchmark.VERIFY_MINUTES + costs.escalation(), handedOn.minutes(), 1e-9);
        assertEquals("handed on at step 7", handedOn.end());
    }

    @Test
    void countsHostChangingChecksThatComeBeforeAReadOnlyOne() {
        List<CostBenchmark.Step> plan = List.of(
                new CostBenchmark.Step("check", "read-1", List.of(), null),
                new CostBenchmark.Step("check", "change-1", List.of(), null),
                new CostBenchmark.Step("check", "change-2", List.of(), null),
                new CostBenchmark.Step("fix", "f", List.of(), null),
                new CostBenchmark.Step("check", "read-2", List.of(), null),
                new CostBenchmark.Step("check", "change-3", List.of(), null));
        assertEquals(2, CostBenchmark.unsafeChecks(plan, id -> id.startsWith("change")));
    }

    @Test
    void withoutThePreviousJarThereIsNoPreviousRelease(@TempDir Path dir) throws Exception {
        assertTrue(PreviousRelease.open(dir).isEmpty());
    }
}
