package org.rdpdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.support.Cli;
import org.rdpdiag.support.ScratchRules;

/** The author's commands as an author runs them: output, exit codes and bad usage. */
class RulesCommandTest {
    @TempDir
    Path tmp;

    private static final String CASE = """
            facts:
              host: {nlaRequired: true}
            expect:
              causes: {alpha: confirmed}
            """;

    @Test
    void checkPointsAtTheBrokenLineAndExitsOne() {
        ScratchRules rules = ScratchRules.small(tmp).replace("plan.drl", "when Host( azureVm == true ) then",
                "when Host( azureVm == true then");
        Cli r = Cli.run("rules", "check", rules.dir().toString(), "--no-cache");
        assertEquals(1, r.exit(), r.out() + r.err());
        String first = r.out().lines().findFirst().orElse("");
        int line = rules.lineOf("plan.drl", "azureVm == true then");
        assertTrue(first.startsWith(rules.dir().resolve("plan.drl") + ":" + line + ":"), first);
        assertTrue(first.contains(": error: "), first);
        assertTrue(r.out().contains("does not load; 1 error"), r.out());
    }

    @Test
    void checkLocatesAConsequenceOtherThanConcludeAsAnError() {
        ScratchRules rules = ScratchRules.small(tmp).append("plan.drl", """

                rule "alpha: spins" @cause("alpha") @weight("hints")
                when Host( fipsEnabled == true )
                then
                    int i = 0; while (i >= 0) { i = (i + 1) % 1000; } conclude(drools);
                end
                """);
        Cli r = Cli.run("rules", "check", rules.dir().toString(), "--no-cache");
        assertEquals(1, r.exit(), r.out() + r.err());
        int line = rules.lineOf("plan.drl", "int i = 0;");
        assertTrue(r.out().contains(rules.dir().resolve("plan.drl") + ":" + line + ":5: error: rule \"alpha: spins\": "
                + "its consequence is 'int i = 0; while (i >= 0) { i = (i + 1) % 1000; } conclud...', but a consequence "
                + "must be exactly conclude(drools);"), r.out());
        assertTrue(r.out().contains("write conclude(drools); after 'then'"), "with a suggestion: " + r.out());
        assertEquals(2, Cli.run("diagnose", "facts/examples/codes-only.yaml", "--rules", rules.dir().toString()).exit(),
                "the loader refuses the rule, so it never runs");
    }

    @Test
    void testFailsOnlyTheCaseARuleFailsOnAndExitsOne() {
        ScratchRules rules = ScratchRules.smallWithReplayFault(tmp);
        Cli r = Cli.run("rules", "test", rules.dir().toString(), "--no-cache", "--color", "never");
        assertEquals(1, r.exit(), r.out() + r.err());
        int line = rules.lineOf("plan.drl", "rule \"" + ScratchRules.REPLAY_FAULT + "\"");
        assertTrue(r.out().contains("FAIL alpha") && !r.out().contains("FAIL gamma"), r.out());
        assertTrue(r.out().contains(rules.dir().resolve("plan.drl") + ":" + line + ": rule \"" + ScratchRules.REPLAY_FAULT
                + "\""), r.out());
        assertTrue(r.out().contains("2 cases: 1 passed, 1 failed"), r.out());
    }

    @Test
    void checkOfAFolderWithoutRulesIsBadUsage() throws java.io.IOException {
        Path empty = java.nio.file.Files.createDirectories(tmp.resolve("empty"));
        Cli r = Cli.run("rules", "check", empty.toString(), "--no-cache");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(empty + ": the folder holds no rules (no .drl or .yaml file)"), r.err());
        assertEquals(2, Cli.run("diagnose", "facts/examples/codes-only.yaml", "--rules", empty.toString()).exit());
    }

    @Test
    void checkPassesWithWarningsUnlessTheyAreMadeErrors() {
        ScratchRules rules = ScratchRules.small(tmp).append("plan.yaml", """
                questions:
                  - {id: q-vpn, fact: network.vpnInUse, prompt: VPN?, cost: 1}
                """);
        Cli lenient = Cli.run("rules", "check", rules.dir().toString(), "--no-cache");
        assertEquals(0, lenient.exit(), lenient.out());
        assertTrue(lenient.out().contains(": warning: question q-vpn"), lenient.out());
        assertTrue(lenient.out().contains("0 errors, 1 warning"), lenient.out());
        assertEquals(1, Cli.run("rules", "check", rules.dir().toString(), "--no-cache", "--warnings-as-errors").exit());
    }

    @Test
    void testReportsAFailingCaseAsADiffAndExitsOne() {
        ScratchRules rules = ScratchRules.small(tmp).write("cases/alpha.yaml", CASE.replace("alpha: confirmed", "alpha: ruled_out"));
        Cli r = Cli.run("rules", "test", rules.dir().toString(), "--no-cache", "--color", "never");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL alpha"), r.out());
        assertTrue(r.out().contains("alpha.yaml:4: cause alpha"), r.out());
        assertTrue(r.out().contains("expected: ruled_out") && r.out().contains("actual:   confirmed"), r.out());
        assertTrue(r.out().contains("\"alpha: confirmed by nlaRequired\" confirms alpha on host.nlaRequired=true"), r.out());
        assertTrue(r.out().contains("1 case: 0 passed, 1 failed"), r.out());
    }

    @Test
    void testPassesAndMinCoverageTurnsGapsIntoFailures() {
        ScratchRules rules = ScratchRules.small(tmp).write("cases/alpha.yaml", CASE);
        Cli ok = Cli.run("rules", "test", rules.dir().toString(), "--no-cache", "--color", "never");
        assertEquals(0, ok.exit(), ok.out());
        assertTrue(ok.out().contains("never confirmed:") && ok.out().contains("      beta"), ok.out());
        Cli strict = Cli.run("rules", "test", rules.dir().toString(), "--no-cache", "--min-coverage", "100");
        assertEquals(1, strict.exit(), strict.out());
        assertTrue(strict.out().contains("error: coverage of causes confirmed: 33.3% is below the minimum of 100.0%"), strict.out());
    }

    @Test
    void testWithRulesThatDoNotLoadRunsNoCase() {
        ScratchRules rules = ScratchRules.small(tmp).write("cases/alpha.yaml", CASE)
                .replace("plan.yaml", "claimStatus: doubtful", "claimStatus: maybe");
        Cli r = Cli.run("rules", "test", rules.dir().toString(), "--no-cache");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("plan.yaml:") && r.out().contains("no case was run"), r.out());
    }

    @Test
    void aFolderThatDoesNotExistIsBadUsage() {
        Cli r = Cli.run("rules", "check", tmp.resolve("nope").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("nope: no such folder"), r.err());
        assertEquals(2, Cli.run("rules", "test", "--min-coverage", "120").exit());
        Cli noCases = Cli.run("rules", "test", ScratchRules.small(tmp).dir().toString());
        assertEquals(2, noCases.exit());
        assertTrue(noCases.err().contains("no case library here"), noCases.err());
    }
}
