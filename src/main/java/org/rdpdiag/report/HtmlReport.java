package org.rdpdiag.report;

import java.util.List;
import java.util.stream.Collectors;
import org.rdpdiag.diagnosis.CodeInfo;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.EvidenceItem;
import org.rdpdiag.engine.FactValue;
import org.rdpdiag.engine.StaleReadings;
import org.rdpdiag.engine.Status;
import org.rdpdiag.knowledge.ClaimStatus;
import org.rdpdiag.knowledge.Restart;
import org.rdpdiag.knowledge.Source;
import org.rdpdiag.plan.PlanStep;
import org.rdpdiag.plan.StepKind;
import org.rdpdiag.text.Inert;

/**
 * The report as a fragment of a web page: the summary first, then the error, the causes with
 * their evidence and sources, the causes ruled out, where the cited facts were read, and the plan. Same content and order as the
 * text report. Every value goes through {@link HtmlWriter}'s escape; the page around it, with a
 * linked style sheet and script, comes from {@link #pageStart}. Works without scripts: commands are
 * plain {@code pre} blocks (a script may add copy buttons), steps have plain checkboxes, and
 * continuing after a failed fix is a link.
 */
public final class HtmlReport {
    /** Where the page leads from a plan step; every address is escaped when it is written. */
    public interface Links {
        /**
         * The address that continues the consultation with this fix recorded as tried and still
         * failing, or null for none.
         */
        String persistsAfter(PlanStep fix);
    }

    private final StringBuilder out = new StringBuilder(16_384);

    private HtmlReport() {}

    /**
     * Text to show, made safe for HTML content and quoted attribute values: markup escaped, and
     * the characters that would reorder or hide text (bidirectional overrides, controls, line
     * separators) shown as visible escapes, as on a terminal; line breaks and tabs become spaces.
     */
    public static String escape(String text) {
        return HtmlWriter.escape(Inert.prose(text));
    }

    /**
     * A value that must come back exactly as it is (a hidden form field, an address): markup
     * escaped only. Never for text that is shown.
     */
    public static String attribute(String value) {
        return HtmlWriter.escape(value);
    }

    /** The opening of a page up to {@code <body>}, with a style sheet and an optional script, both linked. */
    public static String pageStart(String title, String stylesheet, String script) {
        return HtmlWriter.linkedPageStart(Inert.prose(title), stylesheet, script);
    }

    /** What closes every page. */
    public static String pageEnd() {
        return HtmlWriter.PAGE_END;
    }

    public static String render(Diagnosis d, Links links) {
        HtmlReport r = new HtmlReport();
        r.out.append("<section class=\"report\" id=\"report\">\n<h1>rdpdiag diagnosis for ")
                .append(escape(d.facts().id())).append("</h1>\n");
        r.summary(d);
        r.error(d);
        r.setAside(d);
        r.causes(d);
        r.ruledOut(d);
        r.factSources(d);
        r.plan(d, links);
        r.out.append("</section>\n");
        return r.out.toString();
    }

    private void summary(Diagnosis d) {
        out.append("<section id=\"summary\" class=\"summary\">\n<h2>Summary</h2>\n<p>Error ")
                .append(code(d.error().main())).append(", extended ").append(code(d.error().extended()));
        if (d.facts().error().timing() != null) {
            out.append(", appears ").append(escape(d.facts().error().timing().replace('-', ' ')));
        }
        out.append("</p>\n");
        if (d.noKnownCause()) {
            out.append("<p class=\"note\">").append(escape(Honest.noKnownCause(d))).append("</p>\n");
        }
        List<CauseAssessment> open = open(d);
        out.append("<h3>Leading causes</h3>\n<ol class=\"leading\">\n");
        open.stream().limit(3).forEach(a -> out.append("<li>").append(badge(a.status())).append(' ')
                .append(pct(a.confidence())).append(" <code>").append(escape(a.cause().id())).append("</code> ")
                .append(escape(a.cause().title())).append("</li>\n"));
        out.append("</ol>\n<h3>Next steps</h3>\n<ol class=\"next\">\n");
        d.plan().steps().stream().limit(3).forEach(p -> out.append("<li value=\"").append(p.step()).append("\">[")
                .append(p.kind().word()).append("] ").append(escape(p.title())).append(" <a href=\"#step-").append(p.step())
                .append("\">step ").append(p.step()).append("</a></li>\n"));
        out.append("</ol>\n</section>\n");
    }

    private void error(Diagnosis d) {
        out.append("<section id=\"error\">\n<h2>Error</h2>\n<dl>\n");
        codeRow("Error code", d.error().main());
        codeRow("Extended code", d.error().extended());
        if (d.facts().error().dialogText() != null) {
            out.append("<dt>Dialog text</dt><dd>").append(escape(d.facts().error().dialogText())).append("</dd>\n");
        }
        out.append("</dl>\n");
        d.error().notes().forEach(n -> out.append("<p>").append(escape(n)).append("</p>\n"));
        out.append("</section>\n");
    }

    private void codeRow(String label, CodeInfo c) {
        out.append("<dt>").append(label).append("</dt><dd>");
        if (c == null) {
            out.append("not recorded");
        } else {
            out.append(code(c)).append(c.known() ? " <code>" + escape(c.name()) + "</code>: " + escape(c.meaning())
                    : ": not in the code table");
        }
        out.append("</dd>\n");
    }

    private void setAside(Diagnosis d) {
        if (d.setAside().isEmpty()) {
            return;
        }
        out.append("<section id=\"stale\">\n<h2>Stale readings, set aside</h2>\n<ul>\n");
        for (StaleReadings.StaleReading r : d.setAside()) {
            out.append("<li>").append(fact(new FactValue(r.path(), r.value()))).append(": ").append(escape(r.reason()))
                    .append("</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    private void causes(Diagnosis d) {
        out.append("<section id=\"causes\">\n<h2>Causes, most likely first</h2>\n");
        List<CauseAssessment> open = open(d);
        for (int k = 0; k < open.size(); k++) {
            CauseAssessment a = open.get(k);
            out.append("<article class=\"cause\" id=\"cause-").append(escape(a.cause().id())).append("\">\n<h3>")
                    .append(k + 1).append(". ").append(badge(a.status())).append(' ').append(pct(a.confidence()))
                    .append(" <code>").append(escape(a.cause().id())).append("</code> ").append(escape(a.cause().title()))
                    .append("</h3>\n");
            RankNote.of(open, k).ifPresent(n -> out.append("<p class=\"rank-note\">").append(escape(n)).append("</p>\n"));
            if (a.conflicting()) {
                out.append("<p class=\"note note-warning\"><strong>Contradiction:</strong> ").append(escape(a.reason()))
                        .append("</p>\n");
            }
            evidence(a);
            if (a.cause().claimStatus() != ClaimStatus.SUPPORTED && a.cause().claimNote() != null) {
                out.append("<p class=\"note note-claim-note\"><strong>Claim ").append(a.cause().claimStatus().word())
                        .append(":</strong> ").append(escape(a.cause().claimNote())).append("</p>\n");
            }
            sources(a.cause().sources());
            out.append("</article>\n");
        }
        out.append("</section>\n");
    }

    /** Where the facts the evidence cites were read, for facts a collector read: as the text and Markdown reports list them. */
    private void factSources(Diagnosis d) {
        java.util.Map<String, String> cited = FactSources.cited(d);
        if (cited.isEmpty()) {
            return;
        }
        out.append("<section id=\"fact-sources\">\n<h2>Fact sources</h2>\n<p>").append(escape(FactSources.TITLE))
                .append(":</p>\n<dl class=\"fact-sources\">\n");
        cited.forEach((path, source) -> out.append("<dt><code>").append(escape(path)).append("</code></dt><dd>")
                .append(escape(source)).append("</dd>\n"));
        out.append("</dl>\n</section>\n");
    }

    private void evidence(CauseAssessment a) {
        if (a.support().isEmpty() && a.against().isEmpty()) {
            out.append("<p>No evidence yet").append(a.unknown().isEmpty() ? "" : ": unknown " + a.unknown().stream()
                    .map(u -> "<code>" + escape(u) + "</code>").collect(Collectors.joining(", "))).append(".</p>\n");
            return;
        }
        out.append("<ul class=\"evidence\">\n");
        for (EvidenceItem i : a.support()) {
            evidenceItem(i, "for");
        }
        for (EvidenceItem i : a.against()) {
            evidenceItem(i, "against");
        }
        out.append("</ul>\n");
        if (!a.unknown().isEmpty()) {
            out.append("<p>Unknown: ").append(a.unknown().stream().map(u -> "<code>" + escape(u) + "</code>")
                    .collect(Collectors.joining(", "))).append("</p>\n");
        }
    }

    private void evidenceItem(EvidenceItem i, String side) {
        out.append("<li class=\"").append(side).append("\"><span class=\"badge badge-").append(side).append("\">")
                .append(i.weight().certainty() > 0 ? "+ " : "&minus; ").append(escape(i.weight().word())).append("</span> ");
        if (!i.facts().isEmpty()) {
            out.append(i.facts().stream().map(HtmlReport::fact).collect(Collectors.joining(", "))).append(": ");
        }
        out.append(escape(i.explanation() == null ? "" : i.explanation()));
        out.append(" <small>(").append(i.fromTriedStep() ? escape(i.rule())
                : "rule &quot;" + escape(i.rule()) + "&quot;, " + escape(i.file())).append(")</small></li>\n");
    }

    private void sources(List<Source> sources) {
        if (sources.isEmpty()) {
            return;
        }
        out.append("<p class=\"sources\">Sources: ");
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            out.append(i == 0 ? "" : "; ");
            if (s.url() != null && Inline.isWebAddress(s.url())) {
                String seeds = s.seeds().isEmpty() ? "" : "seed " + String.join(", ", s.seeds())
                        + (s.pair() == null ? "" : " (" + s.pair() + ")") + "; ";
                out.append(escape(seeds)).append("<a rel=\"noreferrer\" href=\"").append(attribute(s.url().strip())).append("\">")
                        .append(escape(s.title() == null ? s.url() : s.title())).append("</a>");
            } else {
                out.append(escape(s.cite()));
            }
        }
        out.append("</p>\n");
    }

    private void ruledOut(Diagnosis d) {
        List<CauseAssessment> list = d.causes().stream().filter(a -> a.status() == Status.RULED_OUT).toList();
        if (list.isEmpty()) {
            return;
        }
        out.append("<section id=\"ruled-out\">\n<h2>Ruled out</h2>\n<ul>\n");
        for (CauseAssessment a : list) {
            List<String> reasons = a.against().stream().filter(i -> i.weight().decisive())
                    .map(i -> (i.facts().isEmpty() ? "" : i.facts().stream().map(HtmlReport::fact)
                            .collect(Collectors.joining(", ")) + ": ")
                            + escape(i.explanation() == null ? i.rule() : i.explanation()))
                    .toList();
            out.append("<li><code>").append(escape(a.cause().id())).append("</code> ").append(escape(a.cause().title()))
                    .append(reasons.isEmpty() ? "" : ": " + TextReport.joinReasons(reasons)).append("</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    private void plan(Diagnosis d, Links links) {
        out.append("<section id=\"plan\">\n<h2>Plan</h2>\n<ol class=\"plan\">\n");
        for (PlanStep p : d.plan().steps()) {
            out.append("<li class=\"step step-").append(p.kind().word()).append("\" id=\"step-").append(p.step())
                    .append("\" value=\"").append(p.step()).append("\">\n<h3><label><input type=\"checkbox\" class=\"done\" name=\"done\" value=\"")
                    .append(p.step()).append("\"> ").append(p.step()).append(". [").append(p.kind().word()).append("] ")
                    .append(escape(p.title())).append("</label></h3>\n<p class=\"where\"><code>").append(escape(p.id()))
                    .append("</code>, on ").append(escape(p.runsOn().toString())).append("</p>\n");
            if (p.risky()) {
                out.append("<p class=\"note note-warning\"><strong>Warning:</strong> ")
                        .append(escape(p.warning() == null ? "risky step" : p.warning())).append("</p>\n");
            }
            list(p.instructions());
            commands(p.commands());
            if (p.restart() != Restart.NONE) {
                out.append("<p>Restart: ").append(escape(p.restart().toString()))
                        .append(p.restartDetail() == null ? "" : ". " + escape(p.restartDetail())).append("</p>\n");
            }
            p.verify().forEach(v -> out.append("<p>Verify: ").append(escape(v)).append("</p>\n"));
            if (p.undo() != null) {
                out.append("<details class=\"undo\"><summary>Undo, if needed: ").append(escape(p.undo().title()))
                        .append("</summary>\n");
                list(p.undo().steps());
                commands(p.undo().commands());
                out.append("</details>\n");
            }
            out.append("<p class=\"why\">Why here: ").append(escape(p.why())).append("</p>\n");
            String persists = p.kind() == StepKind.FIX && links != null ? links.persistsAfter(p) : null;
            if (persists != null) {
                out.append("<p><a class=\"persists\" href=\"").append(attribute(persists)).append("\">The failure persists after step ")
                        .append(p.step()).append(": continue the consultation</a></p>\n");
            }
            out.append("</li>\n");
        }
        out.append("</ol>\n</section>\n");
    }

    private void list(List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        out.append("<ul>\n");
        items.forEach(i -> out.append("<li>").append(escape(i)).append("</li>\n"));
        out.append("</ul>\n");
    }

    private void commands(List<String> commands) {
        if (commands.isEmpty()) {
            return;
        }
        out.append("<pre class=\"commands\"><code>");
        // Commands come from the knowledge base and must paste exactly as written.
        commands.forEach(c -> out.append(HtmlWriter.escape(c)).append('\n'));
        out.append("</code></pre>\n");
    }

    private static List<CauseAssessment> open(Diagnosis d) {
        return d.causes().stream().filter(a -> a.status() != Status.RULED_OUT).toList();
    }

    /** The status as a badge; also used by the interview page for its ranking. */
    public static String badge(Status s) {
        return "<span class=\"badge status-" + s.word().replace('_', '-') + "\">" + s.word().replace('_', ' ') + "</span>";
    }

    public static String pct(double v) {
        return Math.round(v * 100) + "%";
    }

    /** An observed value: from the input, so escaped. */
    public static String fact(FactValue f) {
        return "<code>" + escape(f.path() + " = " + f.value()) + "</code>";
    }

    private static String code(CodeInfo c) {
        return c == null ? "not recorded" : "<code>" + escape(c.hex()) + "</code> (" + c.value() + ")";
    }

}
