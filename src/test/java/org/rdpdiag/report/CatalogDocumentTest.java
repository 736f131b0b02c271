package org.rdpdiag.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.EngineResult;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.CostSettings;
import org.rdpdiag.knowledge.Costs;
import org.rdpdiag.knowledge.ErrorCode;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeSource;
import org.rdpdiag.knowledge.Policy;
import org.rdpdiag.knowledge.RuleInfo;
import org.rdpdiag.knowledge.SeedClaim;
import org.rdpdiag.knowledge.SeedPair;
import org.rdpdiag.knowledge.Source;
import org.rdpdiag.plan.Plan;
import org.rdpdiag.plan.PlanBuilder;
import org.rdpdiag.plan.PlanStep;
import org.rdpdiag.plan.StepKind;
import org.rdpdiag.support.ScratchRules;
import org.rdpdiag.support.TestKnowledge;

/**
 * The reviewers' catalogue, checked against the catalogue it documents: on the project's own
 * knowledge base for completeness and plan order, on a small one for escaping.
 */
class CatalogDocumentTest {
    static KnowledgeBase kb;
    static String md;
    static String html;
    static KnowledgeBase small;
    static String smallMd;
    static String smallHtml;

    @BeforeAll
    static void render() {
        kb = TestKnowledge.kb();
        md = CatalogDocument.markdown(kb, "rules");
        html = CatalogDocument.html(kb, "rules");
        small = new KnowledgeBaseLoader(null).load(KnowledgeSource.directory(Path.of("src/test/resources/kb/doc")));
        smallMd = CatalogDocument.markdown(small, "kb/doc");
        smallHtml = CatalogDocument.html(small, "kb/doc");
    }

    // ---- completeness ---------------------------------------------------------------------

    @Test
    void bothFormatsNameEveryCauseAndFixOfTheCatalogue() {
        String shownMd = unescapeMarkdown(md);
        for (Cause c : kb.catalog().causes()) {
            assertTrue(md.contains("<a id=\"cause-" + c.id() + "\"></a>`" + c.id() + "`"), c.id());
            assertTrue(shownMd.contains(c.title()), c.title());
            assertTrue(html.contains("id=\"cause-" + c.id() + "\""), c.id());
            assertTrue(html.contains(htmlEscape(c.title())), c.title());
        }
        for (Fix f : kb.catalog().fixes()) {
            assertTrue(md.contains("<a id=\"fix-" + f.id() + "\"></a>`" + f.id() + "`"), "fix index row of " + f.id());
            assertTrue(shownMd.contains(f.title()), f.title());
            assertTrue(html.contains("<tr id=\"fix-" + f.id() + "\"><td><code>" + f.id() + "</code>"), f.id());
            assertTrue(html.contains(htmlEscape(f.title())), f.title());
        }
        for (Cause c : kb.catalog().causes()) {
            for (String f : c.fixes()) {
                assertTrue(md.contains("id=\"cause-" + c.id() + "--fix-" + f + "\""), f + " under " + c.id());
                assertTrue(html.contains("id=\"cause-" + c.id() + "--fix-" + f + "\""), f + " under " + c.id());
            }
        }
    }

    @Test
    void everyCauseShowsItsClaimStatusNoteAndSources() {
        for (Cause c : kb.catalog().causes()) {
            String section = unescapeMarkdown(causeSection(md, c.id()));
            assertTrue(section.contains("- **Claim status:** _" + c.claimStatus().word() + "_"), c.id());
            if (c.claimNote() != null) {
                assertTrue(section.contains("> **Claim note:** " + c.claimNote().replaceAll("\\s+", " ")), c.id());
            }
            for (Source s : c.sources()) {
                if (s.url() != null) {
                    assertTrue(section.contains("](" + s.url() + ")"), c.id() + " cites " + s.url());
                }
                if (s.pair() != null) {
                    assertTrue(section.contains("(pair [" + s.pair() + "](#pair-" + s.pair().toLowerCase() + "))"), c.id());
                }
            }
        }
    }

    @Test
    void everyRuleAboutACauseIsListedWithFileLineAndWeight() {
        for (Cause c : kb.catalog().causes()) {
            String section = unescapeMarkdown(causeSection(md, c.id()));
            List<RuleInfo> rules = kb.rulesFor(c.id());
            assertFalse(rules.isEmpty(), c.id());
            for (RuleInfo r : rules) {
                assertTrue(r.line() > 0, r.name());
                String row = "| " + r.name() + " | `" + r.file() + ":" + r.line() + "` | _" + r.weight() + "_ ";
                assertTrue(section.contains(row), "missing in " + c.id() + ": " + row);
            }
        }
    }

    @Test
    void everyCheckThatDecidesACauseObservationIsLinkedFromTheCause() {
        for (Cause c : kb.catalog().causes()) {
            String section = causeSection(md, c.id());
            for (Check k : kb.catalog().checks()) {
                boolean decides = k.decides().stream().anyMatch(kb.factsDeciding(c.id())::contains);
                assertEquals(decides, section.contains("](#check-" + k.id() + ")"), k.id() + " for " + c.id());
            }
        }
    }

    @Test
    void closingStepsNameTheRulesThatAskForThem() {
        String shown = unescapeMarkdown(md);
        for (RuleInfo r : kb.rules()) {
            if (r.step() != null) {
                int start = shown.indexOf("<a id=\"step-" + r.step() + "\">");
                assertTrue(start >= 0, r.step());
                String section = shown.substring(start, minPositive(shown.indexOf("\n### ", start),
                        shown.indexOf("\n## ", start), shown.length()));
                assertTrue(section.contains(r.name() + " (`" + r.file() + ":" + r.line() + "`)"), r.name());
            }
        }
    }

    // ---- plan order and safety ------------------------------------------------------------

    @Test
    void fixesUnderEachCauseComeInThePlansOrder() {
        // The document lists every fix; a plan stops where the rest is worth less than handing the
        // case on, so its fixes are the document's first ones, in the same order.
        for (Cause c : kb.catalog().causes()) {
            List<String> planned = planFixes(kb, c);
            List<String> shownMd = fixesShownUnder(md, c.id());
            assertEquals(planned, shownMd.subList(0, Math.min(planned.size(), shownMd.size())), "markdown, " + c.id());
            assertEquals(shownMd, fixesShownUnder(html, c.id()), "html, " + c.id());
        }
    }

    @Test
    void aRiskyFixListedFirstComesAfterTheSaferOnesAsInThePlan() {
        Cause alpha = small.catalog().cause("alpha").orElseThrow();
        assertEquals(List.of("risky-first", "safe-second", "shared"), alpha.fixes());
        assertEquals(List.of("safe-second", "risky-first", "shared"), planFixes(small, alpha));
        assertEquals(planFixes(small, alpha), fixesShownUnder(smallMd, "alpha"));
        assertTrue(causeSection(smallMd, "alpha").contains("a plan tries them by their chance of ending the failure per minute"));
        assertFalse(causeSection(smallMd, "beta").contains("a plan tries them"), "beta's only fix keeps its place");
    }

    @Test
    void everyRiskyFixShowsItsWarningAndRollbackWhereverItIsListed() {
        int risky = 0;
        for (Cause c : kb.catalog().causes()) {
            for (String id : c.fixes()) {
                Fix f = kb.catalog().fix(id).orElseThrow();
                String section = fixSection(md, c.id(), id);
                String shown = unescapeMarkdown(section);
                if (!f.risky()) {
                    assertFalse(section.contains("Rollback (the plan's next step"), id);
                    continue;
                }
                risky++;
                assertTrue(shown.contains("> **Warning:** " + f.warning().replaceAll("\\s+", " ")), id + " under " + c.id());
                assertTrue(shown.contains("**Rollback (the plan's next step after this fix)**: " + f.rollback().title()), id);
                for (String command : f.rollback().commands()) {
                    assertTrue(section.contains("\n" + command + "\n"), id + " rollback command " + command);
                }
                if (f.reducesSecurity()) {
                    assertTrue(section.contains("- **Lowers security:** _yes_"), id);
                }
            }
        }
        assertTrue(risky > 5, "the project's catalogue has risky fixes: " + risky);
    }

    @Test
    void fixDetailsShowWhereItRunsCommandsRestartAndVerify() {
        for (Cause c : kb.catalog().causes()) {
            for (String id : c.fixes()) {
                Fix f = kb.catalog().fix(id).orElseThrow();
                String section = fixSection(md, c.id(), id);
                assertTrue(section.contains("- **Runs on:** " + f.runsOn() + "\n"), id);
                assertTrue(section.contains("- **Invasiveness:** " + f.invasiveness() + "/5\n"), id);
                assertTrue(section.contains("- **Restart:** " + f.restart().word().replace('-', ' ')), id);
                f.commands().forEach(cmd -> assertTrue(section.contains("\n" + cmd + "\n"), id + ": " + cmd));
                f.verify().forEach(v -> assertTrue(unescapeMarkdown(section).contains("- " + v.replaceAll("\\s+", " ")), id + ": " + v));
            }
        }
    }

    // ---- the cost model and the policies --------------------------------------------------

    @Test
    void everyFixShowsTheCostAndChanceThePlanWeighsItBy() {
        Costs costs = kb.catalog().costs();
        int disrupted = 0;
        for (Cause c : kb.catalog().causes()) {
            for (String id : c.fixes()) {
                Fix f = kb.catalog().fix(id).orElseThrow();
                Costs.Cost cost = costs.of(f);
                String line = fieldLine(unescapeMarkdown(fixSection(md, c.id(), id)), "Cost");
                assertTrue(line.startsWith(figure(cost.minutes()) + " minutes of work"), id + ": " + line);
                if (cost.disruption() > 0) {
                    disrupted++;
                    assertTrue(line.contains(" + " + figure(cost.disruption()) + " of disruption (")
                            && line.endsWith(" = " + figure(cost.total()) + " minutes"), id + ": " + line);
                    cost.disruptedBy().forEach(why -> assertTrue(line.contains(why), id + ": " + why + " in " + line));
                } else {
                    assertTrue(line.endsWith(", no disruption"), id + ": " + line);
                }
                // An entry that sets its own chance says so.
                assertEquals(percent(costs.resolves(f)) + " of the time when its cause is present"
                        + (f.resolves() != null ? " (set by the entry)" : ""),
                        fieldLine(unescapeMarkdown(fixSection(md, c.id(), id)), "Ends the failure"), id);
                String row = rowOf(md, "fix", id);
                assertTrue(row.contains(" | " + figure(cost.total()) + " | " + percent(costs.resolves(f)) + " of the time"),
                        id + ": " + row);
            }
        }
        assertTrue(disrupted > 20, "the project's fixes restart, lower security or risk damage: " + disrupted);
    }

    @Test
    void aRebootOnTheHostCostsTheRebootDefaultAndEntriesOwnFiguresAreMarked(@TempDir Path tmp) {
        // Figures of kb/doc/costs.yaml: fixes 5/10/15 minutes by invasiveness 1..3; a reboot 40 on the
        // host and 5 on the user's computer; high collateral risk 60; lowering security 45; checks
        // 2/5 minutes by effort 1..2; a check that changes the host 20.
        ScratchRules rules = new ScratchRules(tmp.resolve("rules"));
        ScratchRules.copyTree(Path.of("src/test/resources/kb/doc"), rules.dir());
        rules.replace("doc.yaml", "    runsOn: client\n    invasiveness: 3\n", "    runsOn: client\n    invasiveness: 3\n    restart: reboot\n")
                .replace("doc.yaml", "    invasiveness: 2\n    collateralRisk: high\n", "    invasiveness: 2\n    collateralRisk: high\n    restart: reboot\n")
                .replace("doc.yaml", "    invasiveness: 1\n    reducesSecurity: true\n",
                        "    invasiveness: 1\n    reducesSecurity: true\n    minutes: 7\n    disruption: 30\n    resolves: 0.6\n")
                .replace("doc.yaml", "{id: check-nla, ", "{id: check-nla, changesHost: true, ")
                .replace("doc.yaml", "{id: check-fips, ", "{id: check-fips, minutes: 4, ");
        KnowledgeBase changed = new KnowledgeBaseLoader(null).load(KnowledgeSource.directory(rules.dir()));
        Costs costs = changed.catalog().costs();
        String doc = unescapeMarkdown(CatalogDocument.markdown(changed, "rules"));
        String page = CatalogDocument.html(changed, "rules");

        Fix shared = changed.catalog().fix("shared").orElseThrow();
        assertEquals(costs.settings().restart().get("reboot") + 60, costs.of(shared).disruption());
        String sharedCost = "10 minutes of work + 100 of disruption (a reboot ends every session on the host; "
                + "high risk of damage beyond Remote Desktop) = 110 minutes";
        assertEquals(sharedCost, fieldLine(fixSection(doc, "alpha", "shared"), "Cost"));
        assertEquals(sharedCost, fieldLine(fixSection(doc, "beta", "shared"), "Cost"));
        assertTrue(page.contains("<dt>Cost</dt><dd>" + htmlEscape(sharedCost) + "</dd>"));

        Fix client = changed.catalog().fix("safe-second").orElseThrow();
        assertEquals(costs.settings().clientRestart().get("reboot"), costs.of(client).disruption());
        assertEquals("15 minutes of work + 5 of disruption (the user's computer restarts) = 20 minutes",
                fieldLine(fixSection(doc, "alpha", "safe-second"), "Cost"));

        Fix own = changed.catalog().fix("risky-first").orElseThrow();
        assertEquals(37, costs.of(own).total());
        String ownCost = "7 minutes of work (set by the entry) + 30 of disruption (set by the entry; lowers security for a while)"
                + " = 37 minutes";
        assertEquals(ownCost, fieldLine(fixSection(doc, "alpha", "risky-first"), "Cost"));
        assertEquals("60% of the time when its cause is present (set by the entry)",
                fieldLine(fixSection(doc, "alpha", "risky-first"), "Ends the failure"));
        assertEquals("90% of the time when its cause is present", fieldLine(fixSection(doc, "alpha", "shared"), "Ends the failure"));
        assertTrue(rowOf(doc, "fix", "risky-first").contains(
                " | 37 (set by the entry) | 60% of the time when its cause is present (set by the entry) | "), rowOf(doc, "fix", "risky-first"));
        assertTrue(page.contains("<dt>Cost</dt><dd>" + htmlEscape(ownCost) + "</dd>"));

        assertTrue(rowOf(doc, "check", "check-nla").contains(" | 1/5 | 2 minutes + 20 of disruption (changes the host) | "),
                rowOf(doc, "check", "check-nla"));
        assertTrue(rowOf(doc, "check", "check-fips").contains(" | 2/5 | 4 minutes (set by the entry) | "),
                rowOf(doc, "check", "check-fips"));
        assertTrue(causeSection(doc, "beta").contains("(on host, cost 2/5, 4 minutes (set by the entry)): decides"));
        assertTrue(causeSection(doc, "alpha").contains("(on host, cost 1/5, 2 minutes + 20 of disruption (changes the host)): decides"));
        assertTrue(page.contains("<td>4 minutes (set by the entry)</td>"));
        // Nothing of the unchanged document says "set by the entry" but its explanation of the mark.
        assertEquals(1, all(smallMd, "(\\(set by the entry\\))").size());
    }

    @Test
    void everyCheckShowsItsMinutesAndAnyDisruption() {
        Costs costs = kb.catalog().costs();
        for (Check k : kb.catalog().checks()) {
            Costs.Cost cost = costs.of(k);
            String expected = " | " + k.cost() + "/5 | " + figure(cost.minutes()) + (cost.minutes() == 1 ? " minute" : " minutes")
                    + (cost.disruption() > 0 ? " + " + figure(cost.disruption()) + " of disruption (changes the host) | " : " | ");
            assertTrue(unescapeMarkdown(rowOf(md, "check", k.id())).contains(expected), k.id() + ": " + rowOf(md, "check", k.id()));
        }
        assertTrue(kb.catalog().checks().stream().anyMatch(Check::changesHost), "the project has a check that changes the host");
    }

    @Test
    void theCostModelSectionListsTheDefaultsAndHowThePlanUsesThem() {
        Costs costs = kb.catalog().costs();
        CostSettings s = costs.settings();
        String section = unescapeMarkdown(section(md, "costs"));
        assertTrue(section.contains("A plan tries fixes by their chance of ending the failure per minute they cost")
                && section.contains("only where the cost it is expected to save exceeds its own"), section);
        for (int level = 1; level <= 5; level++) {
            assertTrue(section.contains("| " + level + "/5 | " + figure(s.checkMinutes().get(level)) + " minutes | "
                    + figure(s.fixMinutes().get(level)) + " minutes |"), "level " + level);
        }
        for (String r : List.of("none", "reconnect", "policy-refresh", "service", "reboot")) {
            assertTrue(section.contains("| " + r.replace('-', ' ') + " | " + minutes(s.restart().get(r)) + " | "
                    + minutes(s.clientRestart().get(r)) + " |"), r);
        }
        assertTrue(section.contains("- **Collateral risk (disruption):** none " + minutes(s.collateralRisk().get("none"))
                + ", low " + minutes(s.collateralRisk().get("low")) + ", high " + minutes(s.collateralRisk().get("high")) + "\n"));
        assertTrue(section.contains("- **Lowering security for a while (disruption):** " + minutes(s.reducesSecurity()) + "\n"));
        assertTrue(section.contains("- **A check that changes the host (disruption):** " + minutes(s.changesHost()) + "\n"));
        assertTrue(section.contains("- **A question that names no check:** " + minutes(s.questionMinutes()) + "\n"));
        assertTrue(section.contains("- **A fix ends the failure:** " + percent(s.fixResolves()) + " of the time"));
        assertTrue(section.contains("- **Handing the case on (escalation):** " + minutes(costs.escalation()) + ", "));
        assertTrue(section.contains("- **A cause this knowledge base does not know:** weight " + figure(costs.noKnownCause()) + ", "));
        assertTrue(html.contains("<h2 id=\"costs\">Cost model</h2>") && html.contains("<h2 id=\"policies\">Policies</h2>"));
    }

    @Test
    void everyPolicyShowsWhenWhatItWithholdsWhyAndItsSources() {
        List<Policy> policies = kb.catalog().policies();
        assertFalse(policies.isEmpty(), "the project has a policy");
        String shown = unescapeMarkdown(section(md, "policies"));
        for (Policy p : policies) {
            int start = shown.indexOf("<a id=\"policy-" + p.id() + "\"></a>`" + p.id() + "`: " + p.title());
            assertTrue(start >= 0, p.id());
            int end = shown.indexOf("\n### ", start);
            String part = shown.substring(start, end < 0 ? shown.length() : end);
            p.when().forEach((fact, value) -> assertTrue(part.contains(fact + " is " + value), p.id() + " when " + fact));
            long fixes = kb.catalog().fixes().stream().filter(f -> "fix".equals(f.kind()) && p.withholds(f)).count();
            String withheld = p.withholdChangesOn().isEmpty() ? "every fix that lowers security"
                    : "every fix that runs on " + String.join(" or ", p.withholdChangesOn().stream().map(place -> "`" + place + "`").toList())
                            + (p.withholdLoweringSecurity() ? " or lowers security" : "");
            assertTrue(fixes > 0 && part.contains(withheld + " (" + fixes + " fixes of the catalogue)"),
                    part);
            kb.catalog().checks().stream().filter(p::withholds)
                    .forEach(k -> assertTrue(part.contains("[`" + k.id() + "`](#check-" + k.id() + ")"), k.id()));
            assertTrue(part.contains(p.reason().replaceAll("\\s+", " ")), p.id() + " reason");
            p.sources().forEach(src -> assertTrue(src.pair() == null || part.contains("(pair [" + src.pair() + "]"), p.id()));
            assertTrue(html.contains("<h3 id=\"policy-" + p.id() + "\">"), p.id());
        }
        assertTrue(section(smallMd, "policies").contains("The catalogue has none."));
    }

    // ---- seed pairs and codes -------------------------------------------------------------

    @Test
    void everySeedPairRowListsExactlyTheEntriesThatCiteIt() {
        Map<String, String> rows = pairRows(md);
        assertEquals(kb.catalog().seedPairs().stream().map(SeedPair::id).toList(), List.copyOf(rows.keySet()));
        for (String pair : rows.keySet()) {
            String[] cells = rows.get(pair).split(" \\| ");
            Set<String> causes = new TreeSet<>();
            kb.catalog().causes().stream().filter(c -> c.pairs().contains(pair) || cites(c.sources(), pair))
                    .forEach(c -> causes.add(c.id()));
            Set<String> fixes = new TreeSet<>();
            kb.catalog().fixes().stream().filter(f -> cites(f.sources(), pair)).forEach(f -> fixes.add(f.id()));
            Set<String> checks = new TreeSet<>();
            kb.catalog().checks().stream().filter(k -> cites(k.sources(), pair)).forEach(k -> checks.add(k.id()));
            assertEquals(causes, linked(cells[2], "cause"), pair + " causes");
            assertEquals(fixes, linked(cells[3], "fix"), pair + " fixes");
            assertEquals(checks, linked(cells[4], "check"), pair + " checks");
            assertFalse(causes.isEmpty() && fixes.isEmpty(), pair + " is cited by no cause and no fix");
            for (String c : causes) {
                String status = kb.catalog().cause(c).orElseThrow().claimStatus().word();
                assertTrue(cells[2].contains("(#cause-" + c + ") (" + kb.catalog().cause(c).orElseThrow().family()
                        + ", _" + status + "_)"), pair + " " + c);
            }
        }
    }

    @Test
    void aListedPairThatNothingCitesShowsAsAGap() {
        Map<String, String> rows = pairRows(smallMd);
        assertEquals(List.of("P01", "P02", "P03"), List.copyOf(rows.keySet()));
        assertTrue(rows.get("P03").endsWith("| none | none | none"), rows.get("P03"));
        assertEquals(Set.of("alpha"), linked(rows.get("P01").split(" \\| ")[2], "cause"));
        assertEquals(Set.of("risky-first"), linked(rows.get("P01").split(" \\| ")[3], "fix"));
        assertEquals(Set.of("check-fips"), linked(rows.get("P02").split(" \\| ")[4], "check"));
    }

    @Test
    void theCodeTableAndTheSeedClaimsAreComplete() {
        String shown = unescapeMarkdown(md);
        for (ErrorCode e : kb.catalog().codes()) {
            assertTrue(md.contains("<a id=\"code-" + e.kind() + "-" + e.value() + "\"></a>" + e.kind() + " | `" + e.hex()
                    + "` | " + e.value() + " | `" + e.name() + "` |"), e.name());
        }
        for (SeedClaim s : kb.catalog().seedClaims()) {
            assertTrue(shown.contains("| _" + s.status().word() + "_ | " + s.claim().replaceAll("\\s+", " ") + " | "
                    + s.verdict().replaceAll("\\s+", " ") + " |"), s.claim());
        }
    }

    // ---- well-formed output ---------------------------------------------------------------

    @Test
    void everyInternalLinkReachesAnAnchorAndAnchorsAreUnique() {
        for (String doc : List.of(md, html, smallMd, smallHtml)) {
            List<String> ids = all(doc, "id=\"([^\"]+)\"");
            Set<String> unique = new HashSet<>(ids);
            assertEquals(ids.size(), unique.size(), "duplicate anchors");
            List<String> targets = new ArrayList<>(all(doc, "\\]\\(#([^)]+)\\)"));
            targets.addAll(all(doc, "href=\"#([^\"]+)\""));
            assertFalse(targets.isEmpty());
            targets.forEach(t -> assertTrue(unique.contains(t), "no anchor for #" + t));
        }
    }

    @Test
    void theHtmlPageIsSelfContainedAndWellFormed() {
        for (String doc : List.of(html, smallHtml)) {
            assertTrue(doc.startsWith("<!DOCTYPE html>"));
            assertTrue(doc.contains("<style>"));
            for (String external : List.of("<script", "<link", " src=", "@import", "url(", "<iframe", "<img")) {
                assertFalse(doc.contains(external), external);
            }
            assertTrue(all(doc, "href=\"([^\"]+)\"").stream().allMatch(h -> h.startsWith("#") || h.startsWith("https://")
                    || h.startsWith("http://")));
            Deque<String> open = new ArrayDeque<>();
            Matcher tag = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>").matcher(doc);
            while (tag.find()) {
                String name = tag.group(2).toLowerCase();
                if (name.equals("meta")) {
                    continue;
                }
                if (tag.group(1).isEmpty()) {
                    open.push(name);
                } else {
                    assertEquals(open.isEmpty() ? null : open.pop(), name, "unbalanced at " + tag.start());
                }
            }
            assertTrue(open.isEmpty(), "unclosed: " + open);
        }
    }

    @Test
    void valuesAreEscapedInHtml() {
        assertFalse(smallHtml.contains("<script"), "no script element may come from the catalogue");
        assertFalse(smallHtml.contains("<b>") || smallHtml.contains("<i>"));
        assertTrue(smallHtml.contains("Alpha &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"));
        assertTrue(smallHtml.contains("Says &lt;script&gt;alert(&#39;rule&#39;)&lt;/script&gt; &amp; more."));
        assertTrue(smallHtml.contains("a pipe | and *stars* &amp; an ampersand"));
        assertTrue(smallHtml.contains("<pre><code>mstsc.exe /v:&lt;host&gt;\n"));
        assertTrue(smallHtml.contains("href=\"https://example.org/a?x=1&amp;y=&quot;2&quot;\""));
        assertTrue(smallHtml.contains("Doc &lt;i&gt;A&lt;/i&gt;"));
        assertFalse(smallHtml.contains("href=\"javascript"), "only web addresses become links");
        assertTrue(smallHtml.contains("Not a web address (<code>javascript:alert(&#39;src&#39;)</code>)"));
    }

    @Test
    void valuesAreEscapedInMarkdown() {
        assertFalse(smallMd.contains("<script"), "no HTML may come through from the catalogue");
        assertFalse(smallMd.contains("<b>"));
        assertTrue(smallMd.contains("Alpha &lt;script&gt;alert('title')&lt;/script&gt;"));
        assertTrue(smallMd.contains("a pipe \\| and \\*stars\\* &amp; an ampersand"));
        assertFalse(smallMd.contains("](javascript"), "only web addresses become links");
        // A command with a backtick fence inside gets a longer fence, so it stays one code block.
        assertTrue(smallMd.contains("\n````\nmstsc.exe /v:<host>\necho ```fenced```\n````\n"));
        // Commands stay as they are in code blocks; a pipe in code inside a table would end the cell.
        assertTrue(smallMd.contains("\n```\nGet-Thing | Select <x>\n```\n"));
        assertTrue(smallMd.contains("| `odd\\|name` |"));
    }

    // ---- helpers --------------------------------------------------------------------------

    /** A figure as the document writes it: 40, not 40.0; 0.3, not 0.30. */
    static String figure(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    static String minutes(double d) {
        return figure(d) + (d == 1 ? " minute" : " minutes");
    }

    static String percent(double chance) {
        return java.math.BigDecimal.valueOf(chance).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** The value of the first "- **label:** value" line of a section. */
    static String fieldLine(String section, String label) {
        Matcher m = Pattern.compile("(?m)^- \\*\\*" + Pattern.quote(label) + ":\\*\\* (.*)$").matcher(section);
        assertTrue(m.find(), "no " + label + " in:\n" + section);
        return m.group(1);
    }

    /** The table row that carries an entry's anchor (fix index, checks table). */
    static String rowOf(String doc, String kind, String id) {
        Matcher m = Pattern.compile("(?m)^\\| <a id=\"" + kind + "-" + Pattern.quote(id) + "\"></a>.*$").matcher(doc);
        assertTrue(m.find(), kind + " " + id);
        return m.group();
    }

    /** A "## " section by its anchor, up to the next one. */
    static String section(String doc, String anchor) {
        int start = doc.indexOf("## <a id=\"" + anchor + "\"></a>");
        assertTrue(start >= 0, anchor);
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    /** The fix steps of a plan in which this cause alone is established and nothing is observed. */
    static List<String> planFixes(KnowledgeBase kb, Cause c) {
        CauseAssessment established = new CauseAssessment(c, Status.CONFIRMED, 0.9, List.of(), List.of(), List.of(), false,
                "established for the test");
        Plan plan = new PlanBuilder(kb, new org.rdpdiag.strategy.Strategy(kb)).build(HostFacts.unknown(org.rdpdiag.facts.Vocabulary.bundled(), "t"), new EngineResult(List.of(established), List.of(), List.of()));
        List<PlanStep> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).kind() == StepKind.FIX && steps.get(i).risky()) {
                assertEquals(StepKind.ROLLBACK, steps.get(i + 2).kind(), "the plan follows a risky fix with its rollback");
            }
        }
        return plan.ofKind(StepKind.FIX).stream().map(PlanStep::id).toList();
    }

    static List<String> fixesShownUnder(String doc, String cause) {
        return all(doc, "id=\"cause-" + Pattern.quote(cause) + "--fix-([^\"]+)\"");
    }

    static String causeSection(String doc, String cause) {
        int start = doc.indexOf("<a id=\"cause-" + cause + "\">");
        assertTrue(start >= 0, cause);
        int end = doc.indexOf("\n#### ", start + 1);
        int family = doc.indexOf("\n### ", start + 1);
        int section = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, minPositive(end, family, section, doc.length()));
    }

    static String fixSection(String doc, String cause, String fix) {
        int start = doc.indexOf("<a id=\"cause-" + cause + "--fix-" + fix + "\">");
        assertTrue(start >= 0, fix + " under " + cause);
        return doc.substring(start, minPositive(doc.indexOf("\n##### ", start), doc.indexOf("\n#### ", start),
                doc.indexOf("\n### ", start), doc.indexOf("\n## ", start), doc.length()));
    }

    private static int minPositive(int... positions) {
        int best = Integer.MAX_VALUE;
        for (int p : positions) {
            if (p >= 0) {
                best = Math.min(best, p);
            }
        }
        return best;
    }

    /** Seed-pair table rows by pair id, in document order. */
    static Map<String, String> pairRows(String doc) {
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\| <a id=\"pair-[^\"]+\"></a>`(P\\d+)`(.*) \\|$").matcher(doc);
        while (m.find()) {
            rows.put(m.group(1), "`" + m.group(1) + "`" + m.group(2));
        }
        return rows;
    }

    static Set<String> linked(String cell, String kind) {
        return new TreeSet<>(all(cell, "\\]\\(#" + kind + "-([^)]+)\\)"));
    }

    static boolean cites(List<Source> sources, String pair) {
        return sources.stream().map(Source::pair).anyMatch(p -> Objects.equals(p, pair));
    }

    static List<String> all(String text, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The text a Markdown reader sees, for comparing with catalogue values. */
    static String unescapeMarkdown(String s) {
        return s.replaceAll("\\\\([\\\\`*_\\[\\]|#+>.-])", "$1").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    static String htmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
