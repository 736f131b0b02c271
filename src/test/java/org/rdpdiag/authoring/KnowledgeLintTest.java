package org.rdpdiag.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeProblem;
import org.rdpdiag.knowledge.KnowledgeSource;
import org.rdpdiag.support.ScratchRules;

/** Each lint finds its fault, located where the author has to edit. */
class KnowledgeLintTest {
    @TempDir
    Path tmp;

    private static KnowledgeLint.Result lint(ScratchRules rules) {
        return KnowledgeLint.check(KnowledgeSource.directory(rules.dir()), new KnowledgeBaseLoader(null));
    }

    private static List<String> lines(KnowledgeLint.Result r) {
        return r.problems().stream().map(KnowledgeProblem::toString).toList();
    }

    private static String only(KnowledgeLint.Result r, String containing) {
        List<String> hits = lines(r).stream().filter(l -> l.contains(containing)).toList();
        assertEquals(1, hits.size(), "expected one problem about '" + containing + "' in:\n" + String.join("\n", lines(r)));
        return hits.get(0);
    }

    @Test
    void theProjectsOwnRulesAreClean() {
        KnowledgeLint.Result r = KnowledgeLint.check(KnowledgeSource.directory(Path.of("rules")), new KnowledgeBaseLoader(null));
        assertEquals(List.of(), lines(r));
        assertNotNull(r.knowledgeBase());
    }

    @Test
    void theSmallKnowledgeBaseIsCleanToo() {
        assertEquals(List.of(), lines(lint(ScratchRules.small(tmp))));
    }

    @Test
    void aSyntaxErrorAndACatalogueErrorAreReportedTogether() {
        ScratchRules rules = ScratchRules.small(tmp)
                .replace("plan.drl", "when Host( fipsEnabled == true ) then", "when Host( fipsEnabled == true  then")
                .replace("plan.yaml", "claimStatus: doubtful", "claimStatus: maybe");
        KnowledgeLint.Result r = lint(rules);
        assertNull(r.knowledgeBase());
        int line = rules.lineOf("plan.drl", "fipsEnabled == true  then");
        assertTrue(lines(r).stream().anyMatch(l -> l.matches(".*plan\\.drl:" + line + ":\\d+: error: .*")), String.join("\n", lines(r)));
        assertTrue(lines(r).stream().anyMatch(l -> l.contains("plan.yaml:") && l.contains("maybe")), String.join("\n", lines(r)));
    }

    @Test
    void aRuleNameUsedInTwoFilesIsAnErrorAtTheSecond() {
        ScratchRules rules = ScratchRules.small(tmp).write("more.drl", """
                package test.more;
                import org.rdpdiag.facts.*;
                import function org.rdpdiag.engine.Conclusions.conclude;

                rule "alpha: ruled out" @cause("alpha") @weight("rules-out")
                when Host( nlaRequired == false ) then conclude(drools); end
                """);
        String p = only(lint(rules), "already defined");
        // Files are read in name order, so the copy in plan.drl is the second one.
        int line = rules.lineOf("plan.drl", "rule \"alpha: ruled out\"");
        assertTrue(p.startsWith(rules.dir().resolve("plan.drl") + ":" + line + ":6: error: rule \"alpha: ruled out\""), p);
        assertTrue(p.contains("already defined at " + rules.dir().resolve("more.drl") + ":5"), p);
    }

    @Test
    void aCatalogueEntryNothingUsesIsAWarningAtItsDefinition() {
        ScratchRules rules = ScratchRules.small(tmp).replace("plan.yaml", "fixes:\n", """
                fixes:
                  - {id: orphan, title: Orphan, explanation: x, sources: [{url: "https://example.org/o"}], claimStatus: supported, runsOn: host, invasiveness: 1, verify: [ok]}
                """).replace("plan.yaml", "causes:\n", """
                causes:
                  - {id: lonely, title: Lonely, explanation: x, sources: [{url: "https://example.org/l"}], claimStatus: supported, prior: 0.1, explains: 0.5, fixes: [orphan]}
                """);
        KnowledgeLint.Result r = lint(rules);
        String cause = only(r, "cause lonely");
        assertTrue(cause.contains("plan.yaml:" + rules.lineOf("plan.yaml", "id: lonely") + ":") && cause.contains(": warning: "), cause);
        assertTrue(cause.contains("no rule names it"), cause);
        // The orphan fix is listed by the lonely cause, so it counts as used.
        assertTrue(lines(r).stream().noneMatch(l -> l.contains("fix orphan")), String.join("\n", lines(r)));
        assertEquals(0, r.errors());
    }

    @Test
    void aFixNoCauseListsIsAWarning() {
        ScratchRules rules = ScratchRules.small(tmp).replace("plan.yaml", "fixes:\n", """
                fixes:
                  - {id: orphan, title: Orphan, explanation: x, sources: [{url: "https://example.org/o"}], claimStatus: supported, runsOn: host, invasiveness: 1, verify: [ok]}
                """);
        assertTrue(only(lint(rules), "fix orphan").contains("no cause lists it"));
    }

    @Test
    void aQuestionNoRuleReadsIsAWarningButAFollowUpsGateIsNot() {
        ScratchRules rules = ScratchRules.small(tmp).append("plan.yaml", """
                questions:
                  - {id: q-nla, fact: host.nlaRequired, prompt: NLA?, check: check-nla}
                  - {id: q-kind, fact: host.certificateKind, prompt: Kind?, cost: 1}
                  - {id: q-vpn, fact: network.vpnInUse, prompt: VPN?, cost: 1}
                  - {id: q-fips, fact: host.fipsEnabled, prompt: FIPS?, check: check-fips, askWhen: {host.certificateKind: self-signed}}
                """);
        KnowledgeLint.Result r = lint(rules);
        assertTrue(only(r, "question q-vpn").contains("never relevant"));
        assertTrue(lines(r).stream().noneMatch(l -> l.contains("q-kind") || l.contains("q-nla") || l.contains("q-fips")),
                String.join("\n", lines(r)));
    }

    @Test
    void aSeedPairNobodyCitesIsAnErrorAndAnUnlistedCitationToo() {
        ScratchRules rules = ScratchRules.small(tmp)
                .write("seed-pairs.yaml", """
                        seedPairs:
                          - {id: P01, seeds: ["000"], title: "first"}
                          - {id: P02, seeds: ["000"], title: "second"}
                        """)
                .replace("plan.yaml", "sources: [{url: \"https://example.org/a\"}], claimStatus: supported, prior: 0.3",
                        "sources: [{seeds: [000_x.txt], pair: P01}], claimStatus: supported, prior: 0.3")
                .replace("plan.yaml", "sources: [{url: \"https://example.org/b\"}], claimStatus: supported, prior: 0.2",
                        "sources: [{seeds: [000_x.txt], pair: P09}], claimStatus: supported, prior: 0.2");
        KnowledgeLint.Result r = lint(rules);
        String unlisted = only(r, "P09");
        assertTrue(unlisted.contains(": error: cause beta cites seed pair 'P09', which"), unlisted);
        // With the catalogue refused, the pair coverage cannot be judged; fix the citation first.
        rules.replace("plan.yaml", "pair: P09", "pair: P01");
        String uncited = only(lint(rules), "P02");
        assertTrue(uncited.startsWith(rules.dir().resolve("seed-pairs.yaml") + ":3:") && uncited.contains(": error: seed pair P02"),
                uncited);
    }

    @Test
    void problemsComeOnePerLineInFileOrder() {
        ScratchRules rules = ScratchRules.small(tmp).append("plan.yaml", """
                questions:
                  - {id: q-vpn, fact: network.vpnInUse, prompt: VPN?, cost: 1}
                  - {id: q-loss, fact: network.packetLossPct, prompt: Loss?, cost: 1}
                """);
        List<String> got = lines(lint(rules));
        assertEquals(2, got.size(), String.join("\n", got));
        assertTrue(got.get(0).contains("q-vpn") && got.get(1).contains("q-loss"), String.join("\n", got));
        assertTrue(got.stream().allMatch(l -> l.matches("\\S+:\\d+:\\d+: (error|warning): .+")),
                got.stream().collect(Collectors.joining("\n")));
    }

    // ---- the cost model (small knowledge base: restart reboot 40 on the host, 5 on the client) ----

    /** The warning about one entry, asserted to sit on the line of its id in plan.yaml. */
    private static String warningAt(ScratchRules rules, KnowledgeLint.Result r, String entry, String idText) {
        String p = only(r, entry + " ");
        String at = rules.dir().resolve("plan.yaml") + ":" + rules.lineOf("plan.yaml", idText) + ":";
        assertTrue(p.startsWith(at) && p.contains(": warning: " + entry + " "), p);
        return p;
    }

    @Test
    void aFixDeclaredLessDisruptiveThanItsRestartAloneIsAWarningAtTheFix() {
        ScratchRules rules = ScratchRules.small(tmp)
                .replace("plan.yaml", "{id: safe-a, ", "{id: safe-a, restart: reboot, disruption: 10, ")
                // On the user's own computer a reboot costs 5 by default, so 10 is no understatement.
                .replace("plan.yaml", "{id: shared, ", "{id: shared, restart: reboot, disruption: 10, ")
                // Exactly the default for a service restart on the host is fine too.
                .replace("plan.yaml", "{id: safe-b, ", "{id: safe-b, restart: service, disruption: 20, ");
        KnowledgeLint.Result r = lint(rules);
        String p = warningAt(rules, r, "fix safe-a", "id: safe-a");
        assertTrue(p.contains("sets disruption: 10, less than its restart (reboot on host) alone costs by default")
                && p.contains("(40 minutes); raise disruption to at least 40"), p);
        assertTrue(lines(r).stream().noneMatch(l -> l.contains("fix shared") || l.contains("fix safe-b")), String.join("\n", lines(r)));
        assertEquals(0, r.errors());
        // The figure the defaults would give is no warning.
        rules.replace("plan.yaml", "{id: safe-a, restart: reboot, disruption: 10, ", "{id: safe-a, restart: reboot, disruption: 40, ");
        assertTrue(lines(lint(rules)).stream().noneMatch(l -> l.contains("fix safe-a")));
    }

    @Test
    void aRiskyFixThatCostsNoDisruptionIsAWarning() {
        ScratchRules rules = ScratchRules.small(tmp)
                .replace("plan.yaml", "    reducesSecurity: true\n", "    reducesSecurity: true\n    disruption: 0\n");
        String p = warningAt(rules, lint(rules), "fix risky-a", "id: risky-a");
        assertTrue(p.contains("lowers security but sets disruption: 0") && p.contains("default (45 minutes)"), p);
        rules.replace("plan.yaml", "    disruption: 0\n", "    disruption: 1\n");
        assertTrue(lines(lint(rules)).stream().noneMatch(l -> l.contains("fix risky-a")));
    }

    @Test
    void aFixThatClaimsCertaintyOrHardlyEverHelpsIsAWarning() {
        ScratchRules rules = ScratchRules.small(tmp)
                .replace("plan.yaml", "{id: safe-a, ", "{id: safe-a, resolves: 0.99, ")
                .replace("plan.yaml", "{id: safe-b, ", "{id: safe-b, resolves: 0.05, ")
                .replace("plan.yaml", "{id: shared, ", "{id: shared, resolves: 0.5, ");
        KnowledgeLint.Result r = lint(rules);
        String certain = warningAt(rules, r, "fix safe-a", "id: safe-a");
        assertTrue(certain.contains("resolves: 0.99, as if it were certain") && certain.contains("default (0.9)"), certain);
        String hopeless = warningAt(rules, r, "fix safe-b", "id: safe-b");
        assertTrue(hopeless.contains("resolves: 0.05: it would end the failure so rarely"), hopeless);
        assertTrue(lines(r).stream().noneMatch(l -> l.contains("fix shared")), String.join("\n", lines(r)));
        rules.replace("plan.yaml", "resolves: 0.99", "resolves: 0.95").replace("plan.yaml", "resolves: 0.05", "resolves: 0.06");
        assertEquals(List.of(), lines(lint(rules)));
    }

    @Test
    void aCheckThatChangesTheHostButCostsNoDisruptionIsAWarning() {
        ScratchRules rules = ScratchRules.small(tmp)
                .replace("plan.yaml", "{id: check-nla-expensive, ", "{id: check-nla-expensive, changesHost: true, disruption: 0, ")
                .replace("plan.yaml", "{id: check-fips, ", "{id: check-fips, changesHost: true, ")
                .replace("plan.yaml", "{id: check-nla, ", "{id: check-nla, disruption: 0, ");
        KnowledgeLint.Result r = lint(rules);
        String p = warningAt(rules, r, "check check-nla-expensive", "id: check-nla-expensive");
        assertTrue(p.contains("changes the host but sets disruption: 0") && p.contains("(20 minutes)"), p);
        assertTrue(lines(r).stream().noneMatch(l -> l.contains("check check-fips") || l.contains("check check-nla ")),
                String.join("\n", lines(r)));
    }

    @Test
    void aQuestionThatCostsMoreThanItsCheckIsAWarning() {
        // check-nla has effort 1 (2 minutes), check-fips effort 2 (5 minutes).
        ScratchRules rules = ScratchRules.small(tmp)
                .replace("plan.yaml", "{id: q-nla, ", "{id: q-nla, minutes: 3, ")
                .replace("plan.yaml", "{id: q-fips, ", "{id: q-fips, minutes: 5, ");
        KnowledgeLint.Result r = lint(rules);
        String p = warningAt(rules, r, "question q-nla", "id: q-nla");
        assertTrue(p.contains("sets minutes: 3, more than its check check-nla takes (2 minutes)")
                && p.contains("lower minutes to at most 2"), p);
        assertTrue(lines(r).stream().noneMatch(l -> l.contains("q-fips")), String.join("\n", lines(r)));
        // A check that sets its own minutes is measured by them.
        rules.replace("plan.yaml", "{id: check-nla, ", "{id: check-nla, minutes: 3, ");
        assertTrue(lines(lint(rules)).stream().noneMatch(l -> l.contains("q-nla")));
    }

    @Test
    void defaultMinutesThatDoNotGrowWithTheLevelAreWarningsAtTheirKey() {
        ScratchRules rules = ScratchRules.small(tmp)
                .replace("costs.yaml", "checkMinutes: {1: 2, 2: 5, 3: 10,", "checkMinutes: {1: 2, 2: 5, 3: 4,")
                .replace("costs.yaml", "3: 15, 4: 30,", "3: 15, 4: 15,");
        KnowledgeLint.Result r = lint(rules);
        String costs = rules.dir().resolve("costs.yaml").toString();
        String check = only(r, "checkMinutes");
        assertTrue(check.startsWith(costs + ":" + rules.lineOf("costs.yaml", "checkMinutes") + ":3: warning: "), check);
        assertTrue(check.contains("gives 4 minutes for effort 3, no more than for effort 2 (5 minutes)"), check);
        String fix = only(r, "fixMinutes");
        assertTrue(fix.startsWith(costs + ":" + rules.lineOf("costs.yaml", "fixMinutes") + ":3: warning: "), fix);
        assertTrue(fix.contains("gives 15 minutes for invasiveness 4, no more than for invasiveness 3 (15 minutes)"), fix);
        assertEquals(2, r.warnings(), String.join("\n", lines(r)));
    }

    @Test
    void anEscalationNoDearerThanTheDearestFixIsAWarningAtEscalation() {
        // The dearest fix is risky-a: 5 minutes of work (invasiveness 1) and 45 for lowering security.
        ScratchRules rules = ScratchRules.small(tmp).replace("costs.yaml", "escalation: 240", "escalation: 50");
        String p = only(lint(rules), "escalation");
        assertTrue(p.startsWith(rules.dir().resolve("costs.yaml") + ":" + rules.lineOf("costs.yaml", "escalation:") + ":3: warning: "), p);
        assertTrue(p.contains("costs escalation is 50 minutes, no more than fix risky-a costs (50 minutes"), p);
        rules.replace("costs.yaml", "escalation: 50", "escalation: 51");
        assertEquals(List.of(), lines(lint(rules)));
    }

    @Test
    void aMisspeltWordOfAClosedSetIsAnErrorAtTheLiteralWithTheNearestWord() throws Exception {
        ScratchRules rules = ScratchRules.full(tmp).replace("tls.drl", "ErrorReport( timing == \"after-credentials\" )",
                "ErrorReport( timing == \"after-credential\" )");
        int line = rules.lineOf("tls.drl", "timing == \"after-credential\"");
        String problem = only(lint(rules), "after-credential\"");
        assertTrue(problem.matches(".*tls\\.drl:" + line + ":\\d+: error: rule \".*\" compares error\\.timing with "
                + "\"after-credential\", which it never takes \\(its values are .*\\); did you mean \"after-credentials\"\\?"),
                problem);
        int column = Integer.parseInt(problem.replaceFirst(".*tls\\.drl:\\d+:(\\d+):.*", "$1"));
        String text = java.nio.file.Files.readAllLines(rules.dir().resolve("tls.drl")).get(line - 1);
        assertEquals('"', text.charAt(column - 1), "the column points at the literal: " + text);
    }

    @Test
    void textWhereANumberIsDeclaredAndANumberOutOfRangeAreErrors() {
        ScratchRules rules = ScratchRules.small(tmp).replace("plan.drl", "Host( minEncryptionLevel == 4 )",
                "Host( minEncryptionLevel == \"4\" )").replace("plan.drl", "listenerPort == 3389", "listenerPort == 70000");
        KnowledgeLint.Result r = lint(rules);
        assertTrue(only(r, "minEncryptionLevel with \"4\"").contains("write the number without quotes"), String.join("\n", lines(r)));
        assertTrue(only(r, "listenerPort with 70000").contains("outside its range"), String.join("\n", lines(r)));
    }
}
