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
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.EngineResult;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.ErrorCode;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeSource;
import org.rdpdiag.knowledge.RuleInfo;
import org.rdpdiag.knowledge.SeedClaim;
import org.rdpdiag.knowledge.SeedPair;
import org.rdpdiag.knowledge.Source;
import org.rdpdiag.plan.Plan;
import org.rdpdiag.plan.PlanBuilder;
import org.rdpdiag.plan.PlanStep;
import org.rdpdiag.plan.StepKind;
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
                assertTrue(section.contains("- **Restart:** " + f.restart().replace('-', ' ')), id);
                f.commands().forEach(cmd -> assertTrue(section.contains("\n" + cmd + "\n"), id + ": " + cmd));
                f.verify().forEach(v -> assertTrue(unescapeMarkdown(section).contains("- " + v.replaceAll("\\s+", " ")), id + ": " + v));
            }
        }
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

    /** The fix steps of a plan in which this cause alone is established and nothing is observed. */
    static List<String> planFixes(KnowledgeBase kb, Cause c) {
        CauseAssessment established = new CauseAssessment(c, Status.CONFIRMED, 0.9, List.of(), List.of(), List.of(), false,
                "established for the test");
        Plan plan = new PlanBuilder(kb, new org.rdpdiag.strategy.Strategy(kb)).build(HostFacts.unknown("t"), new EngineResult(List.of(established), List.of(), List.of()));
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
