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
}
