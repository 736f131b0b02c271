package org.rdpdiag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rdpdiag.support.Examples;

/** The lower bounds of the interview benchmark, on cases small enough to work out by hand. */
class InterviewBoundsTest {
    private static InterviewBenchmark.Row row(String id, Map<String, Object> answers, String leader) {
        return new InterviewBenchmark.Row(id, 0, 0, 0, true, leader, leader, true, -1, answers, Set.of(leader));
    }

    // A and C agree on NLA but differ on FIPS; B differs from both on NLA.
    private final List<InterviewBenchmark.Row> rows = List.of(
            row("A", Map.of("host.nlaRequired", true), "x"),
            row("B", Map.of("host.nlaRequired", false), "y"),
            row("C", Map.of("host.nlaRequired", true, "host.fipsEnabled", true), "z"));

    @Test
    void eachCaseNeedsTheQuestionsThatTellItFromEveryCaseWithAnotherLeader() {
        List<InterviewBenchmark.Row> bounded = new InterviewBenchmark(Examples.service()).withTreeBounds(rows);
        assertEquals(2, bounded.get(0).treeBound(), "A needs NLA (against B) and FIPS (against C)");
        assertEquals(1, bounded.get(1).treeBound(), "NLA alone tells B from both");
        assertEquals(1, bounded.get(2).treeBound(), "FIPS alone tells C from both");
    }

    @Test
    void casesWithTheSameLeaderNeedNotBeToldApart() {
        List<InterviewBenchmark.Row> same = List.of(row("A", Map.of("host.nlaRequired", true), "x"),
                row("B", Map.of("host.nlaRequired", false), "x"));
        new InterviewBenchmark(Examples.service()).withTreeBounds(same).forEach(r -> assertEquals(0, r.treeBound()));
    }

    @Test
    void casesAreWeightedByThePriorOfTheirLeadingCause() {
        var catalog = Examples.service().knowledgeBase().catalog();
        List<InterviewBenchmark.Row> two = List.of(
                new InterviewBenchmark.Row("a", 10, 2, 0, true, "listener-not-listening", "x", true, 1, Map.of(), Set.of("x")),
                new InterviewBenchmark.Row("b", 40, 2, 0, true, "rds-licensing-unavailable", "y", true, 3, Map.of(), Set.of("y")));
        double pa = catalog.cause("listener-not-listening").orElseThrow().prior();
        double pb = catalog.cause("rds-licensing-unavailable").orElseThrow().prior();
        double[] w = InterviewBenchmark.priorWeighted(two, catalog);
        assertEquals((10 * pa + 40 * pb) / (pa + pb), w[0], 1e-9);
        assertEquals((1 * pa + 3 * pb) / (pa + pb), w[1], 1e-9);
    }

    @Test
    void theEntropyBoundIsTheLeadersEntropyOverTheWidestQuestion() {
        double bound = InterviewBenchmark.entropyBound(rows, List.of("host.nlaRequired", "host.fipsEnabled", "host.azureVm"));
        assertEquals(Math.log(3) / Math.log(2), bound, 1e-9, "three equally likely leaders, at most two answers per question");
    }
}
