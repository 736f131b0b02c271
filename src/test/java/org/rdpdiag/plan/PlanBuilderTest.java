package org.rdpdiag.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rdpdiag.engine.Engine;
import org.rdpdiag.engine.EngineResult;
import org.rdpdiag.facts.Host;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeSource;
import org.rdpdiag.support.Facts;

/** Plan ordering on a synthetic knowledge base, so each rule of the ordering is pinned down. */
class PlanBuilderTest {
    static KnowledgeBase kb;

    @BeforeAll
    static void load() {
        kb = new KnowledgeBaseLoader(null).load(KnowledgeSource.directory(Path.of("src/test/resources/kb/plan")));
    }

    private static Plan plan(Host host) {
        HostFacts facts = new HostFacts("t", null, null, host, null, null);
        EngineResult r = new Engine(kb).run(facts);
        return new PlanBuilder(kb).build(facts, r);
    }

    private static List<String> ids(Plan p) {
        return p.steps().stream().map(PlanStep::id).toList();
    }

    @Test
    void withNothingKnownThePlanIsChecksThenClosingStepsOnly() {
        Plan p = plan(Facts.host().build());
        assertTrue(p.ofKind(StepKind.FIX).isEmpty(), "no fix without a confirmed or likely cause");
        // Values per cost: alpha 0.27, beta 0.16 / 2 = 0.08; gamma's 0.03 is below the minimum value.
        assertEquals(List.of("check-nla", "check-fips", "escalate", "prevent"), ids(p));
    }

    @Test
    void checksBelowTheMinimumValueAreNamedInTheEscalationStep() {
        Plan p = plan(Facts.host().build());
        PlanStep escalate = p.ofKind(StepKind.ESCALATE).get(0);
        assertTrue(String.join(" ", escalate.instructions()).contains("(check-azure)"), escalate.instructions().toString());
    }

    @Test
    void aCheckThatOnlyRereadsADecidedFactIsDropped() {
        assertFalse(ids(plan(Facts.host().build())).contains("check-nla-expensive"));
    }

    @Test
    void safeFixesFirstByCauseRankRiskyLastWithItsRollbackRightAfter() {
        // alpha confirmed (0.9), beta likely, gamma confirmed (0.3). Settling beta is worth only
        // 0.54 x (1 - 0.9) x (1 - 0.3) = 0.04 once alpha and gamma are established: no check first.
        Plan p = plan(Facts.host().nlaRequired(true).fipsEnabled(true).azureVm(true).listenerPort(3389).build());
        assertEquals(List.of("safe-a", "shared", "safe-b", "risky-a", "risky-a-rollback", "escalate", "prevent"), ids(p));
        PlanStep risky = p.steps().get(3);
        assertEquals("risky-a-rollback", risky.rollback());
        assertEquals("risky-a", p.steps().get(4).rollbackOf());
        assertEquals(List.of("undo-a"), p.steps().get(4).commands());
    }

    @Test
    void aWeakConfirmationLeavesTheChecksOfOtherCausesInFront() {
        // gamma is confirmed but explains little (0.3), so alpha's check keeps most of its value.
        Plan p = plan(Facts.host().azureVm(true).build());
        assertEquals("check-nla", p.steps().get(0).id());
        assertTrue(ids(p).indexOf("check-nla") < ids(p).indexOf("shared"));
    }

    @Test
    void aFixServingSeveralCausesAppearsOnceAndNamesThemAll() {
        Plan p = plan(Facts.host().nlaRequired(false).minEncryptionLevel(4).fipsEnabled(true).azureVm(true).build());
        List<PlanStep> shared = p.steps().stream().filter(s -> s.id().equals("shared")).toList();
        assertEquals(1, shared.size());
        assertEquals(List.of("beta", "gamma"), shared.get(0).addresses());
    }

    @Test
    void safeFixesWithARollbackCarryUndoInstructionsButNoRollbackStep() {
        Plan p = plan(Facts.host().minEncryptionLevel(4).fipsEnabled(true).build());
        PlanStep safeB = p.steps().stream().filter(s -> s.id().equals("safe-b")).findFirst().orElseThrow();
        assertEquals(List.of("undo-b"), safeB.undo().commands());
        assertEquals("Undo B", safeB.undo().title());
        assertEquals(null, safeB.rollback());
        assertFalse(ids(p).contains("safe-b-rollback"));
    }

    /** The synthetic knowledge base with one catalogue line changed. */
    private static KnowledgeBase variant(Path tmp, String from, String to) throws java.io.IOException {
        java.nio.file.Files.copy(Path.of("src/test/resources/kb/plan/plan.drl"), tmp.resolve("plan.drl"));
        String yaml = java.nio.file.Files.readString(Path.of("src/test/resources/kb/plan/plan.yaml"));
        java.nio.file.Files.writeString(tmp.resolve("plan.yaml"), yaml.replace(from, to));
        return new KnowledgeBaseLoader(null).load(KnowledgeSource.directory(tmp));
    }

    private static List<String> ids(KnowledgeBase kb, Host host) {
        HostFacts facts = new HostFacts("t", null, null, host, null, null);
        return ids(new PlanBuilder(kb).build(facts, new Engine(kb).run(facts)));
    }

    @Test
    void aCheckThatChangesTheHostWaitsWhileAFixIsPlanned(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        KnowledgeBase kb = variant(tmp, "{id: check-nla, title: Read NLA, runsOn: host, cost: 1,",
                "{id: check-nla, title: Read NLA, runsOn: host, cost: 1, changesHost: true,");
        assertTrue(ids(kb, Facts.host().build()).contains("check-nla"), "nothing to fix yet: the check is planned");
        List<String> withFix = ids(kb, Facts.host().azureVm(true).build());
        assertFalse(withFix.contains("check-nla"), "gamma is confirmed, so the host-changing check waits: " + withFix);
        assertTrue(withFix.contains("shared"));
    }

    @Test
    void appliesWhenAcceptsAListOfValues(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        KnowledgeBase kb = variant(tmp, "{id: safe-a, title: Safe A,", "{id: safe-a, appliesWhen: {host.minEncryptionLevel: [2, 3]}, title: Safe A,");
        assertTrue(ids(kb, Facts.host().nlaRequired(true).minEncryptionLevel(3).build()).contains("safe-a"));
        assertFalse(ids(kb, Facts.host().nlaRequired(true).minEncryptionLevel(1).build()).contains("safe-a"));
        Plan unknown = new PlanBuilder(kb).build(new HostFacts("t", null, null, Facts.host().nlaRequired(true).build(), null, null),
                new Engine(kb).run(new HostFacts("t", null, null, Facts.host().nlaRequired(true).build(), null, null)));
        PlanStep safeA = unknown.steps().stream().filter(s -> s.id().equals("safe-a")).findFirst().orElseThrow();
        assertTrue(safeA.why().contains("Only applies if host.minEncryptionLevel is one of 2, 3 (not known yet)"), safeA.why());
    }

    @Test
    void ruledOutCausesGetNeitherChecksNorFixes() {
        Plan p = plan(Facts.host().nlaRequired(false).fipsEnabled(false).azureVm(false).listenerPort(3389).build());
        assertEquals(List.of("escalate", "prevent"), ids(p));
    }

    @Test
    void fixesInPlanOrderIsTheOrderOfAPlanInWhichTheCauseIsEstablished(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        // alpha lists its risky fix first; nlaRequired = true confirms alpha and nothing else.
        KnowledgeBase kb = variant(tmp, "fixes: [safe-a, risky-a]", "fixes: [risky-a, safe-a]");
        List<String> order = new PlanBuilder(kb).fixesInPlanOrder(kb.catalog().cause("alpha").orElseThrow()).stream()
                .map(org.rdpdiag.knowledge.Fix::id).toList();
        assertEquals(List.of("safe-a", "risky-a"), order);
        List<String> plan = ids(kb, Facts.host().nlaRequired(true).fipsEnabled(false).azureVm(false).listenerPort(3389).build());
        assertEquals(order, plan.stream().filter(order::contains).toList(), plan.toString());
    }

    @Test
    void checkValuesAreWrittenAsTheFormatterWouldWriteThem() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<Double> values = new java.util.ArrayList<>(List.of(0.0, 0.005, 0.015, 0.125, 1.005, 2.675, 0.995, 9.995, 0.045));
        for (int i = 0; i < 20_000; i++) {
            values.add(i % 2 == 0 ? random.nextDouble() * 20 : Math.round(random.nextDouble() * 20_000) / 1000.0);
        }
        for (double v : values) {
            assertEquals(String.format(java.util.Locale.ROOT, "%.2f", v), PlanBuilder.twoDecimals(v), "value " + v);
        }
    }
}
