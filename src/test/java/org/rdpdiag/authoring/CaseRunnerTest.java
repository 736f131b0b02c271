package org.rdpdiag.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeSource;
import org.rdpdiag.support.ScratchRules;

/** Expectations hold or fail one by one, each located, and coverage counts what the cases used. */
class CaseRunnerTest {
    @TempDir
    Path tmp;

    private static final String ALPHA = """
            description: NLA required confirms alpha.
            facts:
              host: {nlaRequired: true}
            expect:
              causes: {alpha: confirmed, gamma: possible}
              notConfirmed: [beta]
              topCause: alpha
              plan:
                startsWith: [safe-a, safe-a-verify]
                includes: [risky-a-rollback]
                excludes: [check-nla]
                order: ["risky-a before risky-a-rollback", "safe-a before escalate"]
            """;

    private static LibraryRun run(ScratchRules rules) {
        KnowledgeBase kb = new KnowledgeBaseLoader(null).load(KnowledgeSource.directory(rules.dir()));
        return LibraryRun.run(kb, rules.dir(), false);
    }

    @Test
    void aCaseWhoseExpectationsHoldPasses() {
        LibraryRun r = run(ScratchRules.small(tmp).write("cases/alpha.yaml", ALPHA));
        assertEquals(1, r.outcomes().size());
        assertTrue(r.outcomes().get(0).passed(), () -> r.outcomes().get(0).mismatches().toString());
        assertTrue(r.passed());
    }

    @Test
    void everyExpectationThatFailsIsReportedWithItsLineAndTheActualValue() {
        String wrong = ALPHA.replace("alpha: confirmed, gamma: possible", "alpha: ruled_out, gamma: possible")
                .replace("notConfirmed: [beta]", "notConfirmed: [alpha]")
                .replace("startsWith: [safe-a, safe-a-verify]", "startsWith: [risky-a]")
                .replace("excludes: [check-nla]", "excludes: [safe-a]")
                .replace("risky-a before risky-a-rollback", "risky-a-rollback before risky-a");
        LibraryRun r = run(ScratchRules.small(tmp).write("cases/alpha.yaml", wrong));
        CaseOutcome o = r.outcomes().get(0);
        List<String> got = o.mismatches().stream().map(m -> m.line() + " " + m.what() + " | " + m.expected() + " | " + m.actual()).toList();
        assertEquals(5, got.size(), String.join("\n", got));
        assertTrue(got.get(0).startsWith("5 cause alpha | ruled_out | confirmed"), got.get(0));
        assertTrue(got.get(1).startsWith("6 cause alpha | not confirmed | confirmed"), got.get(1));
        assertEquals("9 first plan steps | risky-a | safe-a", got.get(2));
        assertEquals("11 plan step safe-a | not in the plan | step 1", got.get(3));
        assertEquals("12 plan order | risky-a-rollback before risky-a | risky-a-rollback is step 5, risky-a is step 3", got.get(4));
        assertTrue(o.trace().stream().anyMatch(f -> f.rule().equals("alpha: confirmed by nlaRequired")),
                "the trace shows the rule behind the wrong status");
        assertEquals(1, r.failed());
    }

    @Test
    void changingARulesMeaningNamesTheCasesThatChanged() {
        ScratchRules rules = ScratchRules.small(tmp).write("cases/alpha.yaml", ALPHA).write("cases/gamma.yaml", """
                facts:
                  host: {azureVm: true}
                expect:
                  causes: {gamma: confirmed}
                """);
        assertTrue(run(rules).passed());
        rules.replace("plan.drl", "@cause(\"alpha\") @weight(\"confirms\")", "@cause(\"alpha\") @weight(\"suggests\")");
        LibraryRun after = run(rules);
        assertEquals(List.of("alpha"), after.outcomes().stream().filter(o -> !o.passed()).map(o -> o.spec().name()).toList());
    }

    @Test
    void aFailingRuleFailsItsCasesByNameAndTheOthersStillRun() {
        ScratchRules rules = ScratchRules.small(tmp).write("cases/alpha.yaml", ALPHA).write("cases/gamma.yaml", """
                facts:
                  host: {azureVm: true}
                expect:
                  causes: {gamma: confirmed}
                """).append("plan.drl", """

                rule "fails on alpha hosts" @cause("alpha") @weight("suggests")
                when Host( nlaRequired == true ) eval( Integer.parseInt("x") > 0 ) then conclude(drools); end
                """);
        int line = rules.lineOf("plan.drl", "rule \"fails on alpha hosts\"");
        LibraryRun r = run(rules);
        CaseOutcome alpha = r.outcomes().get(0);
        assertTrue(alpha.failure().contains("plan.drl:" + line + ": rule \"fails on alpha hosts\"")
                && alpha.failure().contains("NumberFormatException"), alpha.failure());
        assertNull(alpha.diagnosis());
        assertTrue(r.outcomes().get(1).passed(), "the other case still runs and passes");
    }

    /**
     * The interview replay starts from nothing known, so a rule about an unknown value can fail
     * there only; the case fails alone, located, instead of ending the whole run.
     */
    @Test
    void aRuleThatFailsOnlyDuringTheInterviewReplayFailsThatCaseAlone() {
        ScratchRules rules = ScratchRules.smallWithReplayFault(tmp);
        int line = rules.lineOf("plan.drl", "rule \"" + ScratchRules.REPLAY_FAULT + "\"");
        LibraryRun r = run(rules);
        CaseOutcome alpha = r.outcomes().get(0);
        assertTrue(alpha.failure() != null && alpha.failure().startsWith(rules.dir().resolve("plan.drl") + ":" + line
                + ": rule \"" + ScratchRules.REPLAY_FAULT + "\"") && alpha.failure().contains("NumberFormatException"),
                String.valueOf(alpha.failure()));
        assertTrue(r.outcomes().get(1).passed(), "the case without an interview still passes");
        assertEquals(1, r.failed());
    }

    @Test
    void coverageNamesWhatNoCaseExercised() {
        LibraryRun r = run(ScratchRules.small(tmp).write("cases/alpha.yaml", ALPHA));
        Coverage c = r.coverage();
        assertEquals(List.of("beta", "gamma"), c.causes().missed());
        List<String> planned = r.outcomes().get(0).diagnosis().plan().ofKind(org.rdpdiag.plan.StepKind.FIX).stream()
                .map(org.rdpdiag.plan.PlanStep::id).toList();
        List<String> unplanned = java.util.stream.Stream.of("safe-a", "risky-a", "shared", "safe-b")
                .filter(f -> !planned.contains(f)).toList();
        assertTrue(planned.contains("safe-a"), planned.toString());
        assertEquals(unplanned, c.fixes().missed().stream().sorted(java.util.Comparator.comparing(List.of("safe-a", "risky-a",
                "shared", "safe-b")::indexOf)).toList(), "coverage misses exactly the fixes no plan holds");
        assertTrue(c.rules().missed().stream().anyMatch(m -> m.endsWith("plan.drl:" + 24 + " gamma: confirmed by azure")
                || m.endsWith(" gamma: confirmed by azure")), c.rules().missed().toString());
        assertTrue(c.rules().missed().stream().noneMatch(m -> m.endsWith(" alpha: confirmed by nlaRequired")));
        assertTrue(!c.questionsMeasured());
        assertEquals(List.of("causes confirmed: 33.3% is below the minimum of 50.0%"),
                r.gapsBelow(50).stream().filter(g -> g.startsWith("causes")).toList());
    }

    @Test
    void anUnreadableCaseIsAFailureButDoesNotStopTheOthers() {
        LibraryRun r = run(ScratchRules.small(tmp).write("cases/alpha.yaml", ALPHA).write("cases/broken.yaml", "facts: [\n"));
        assertEquals(1, r.outcomes().size());
        assertEquals(1, r.unreadable().size());
        assertTrue(r.unreadable().get(0).toString().contains("broken.yaml:"), r.unreadable().toString());
        assertEquals(1, r.failed());
    }

    @Test
    void aCaseThatListsATriedStepTheKnowledgeBaseLacksFailsAtThatStepsLine() {
        String tried = ALPHA.replace("  host: {nlaRequired: true}\n",
                "  host: {nlaRequired: true}\n  tried:\n    - {step: safe-a, outcome: still-fails}\n"
                        + "    - {step: sfe-a, outcome: could-not-apply}\n");
        LibraryRun r = run(ScratchRules.small(tmp).write("cases/alpha.yaml", tried));
        CaseOutcome o = r.outcomes().get(0);
        List<String> got = o.mismatches().stream().map(m -> m.line() + " " + m.what() + " | " + m.actual()).toList();
        assertEquals(List.of("6 tried step | tried[1].step: no step with id 'sfe-a' in the knowledge base (did you mean 'safe-a'?)"),
                got);
        assertNull(o.failure(), "the rules did not fail: the case's facts are wrong");
    }
}
