package org.rdpdiag.report;

import static org.rdpdiag.report.HtmlWriter.escape;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.ArrayList;
import java.util.Optional;
import org.rdpdiag.batch.FleetRenderer;
import org.rdpdiag.batch.FleetSummary;
import org.rdpdiag.batch.FleetSummary.CauseRow;
import org.rdpdiag.diagnosis.CodeInfo;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.EvidenceItem;
import org.rdpdiag.engine.FactValue;
import org.rdpdiag.engine.Status;
import org.rdpdiag.knowledge.Restart;
import org.rdpdiag.knowledge.Catalog;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.plan.PlanStep;

/**
 * The fleet report of a batch run: one self-contained HTML page (inline style and SVG, no script,
 * no external resource) with the counts by cause and status, a chart, the hosts behind each cause,
 * the records that could not be diagnosed and every host's full diagnosis.
 *
 * <p>The page can describe millions of hosts, so it is never built in memory: batch streams the
 * long parts (per-cause host lists, problem rows, host sections) through
 * {@link FleetRenderer.Parts}, and the pieces rendered here for one host are single lines, which
 * lets batch stage them in line files. Every value goes through {@link HtmlWriter#escape}, the
 * one HTML escape of the code base; ids, file names and messages come from the input.
 *
 * <p>Over 400 lines because it is the markup of one page: the summary, the chart, the host
 * sections and the step descriptions share its classes and anchors ({@code #h-N},
 * {@code #cause-ID}, {@code #step-ID}), which stay consistent only when read together.
 */
public final class FleetReport implements FleetRenderer {
    /** The renderer the command line hands to batch. */
    public static final FleetRenderer HTML = new FleetReport();

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1b1b1b}
            h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}
            table{border-collapse:collapse}td,th{padding:.2em .7em;border-bottom:1px solid #e3e3e3;text-align:left}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            .confirmed{color:#a11}.likely{color:#a60}.possible{color:#555}.ruled_out{color:#777}.invalid,.failed{color:#a11}
            ul.hosts{columns:18em;padding-left:1.2em}pre{white-space:pre-wrap;font-size:12.5px;background:#f7f7f7;padding:.8em}
            details.host{border-top:1px solid #eee;padding:.2em 0}summary{cursor:pointer}details.host table{margin:.3em 0}
            section{border-top:1px solid #eee}h3{font-size:1.05em}
            .note{color:#555}
            """;

    private FleetReport() {}

    @Override
    public void page(FleetSummary s, Catalog catalog, Parts parts, Writer out) throws IOException {
        out.write(HtmlWriter.pageStart("rdpdiag fleet report", STYLE));
        out.write("<h1>Remote Desktop error 0x904 / 0x7: fleet report</h1>\n");
        out.write("<p class=\"note\">Generated " + escape(s.generated()) + " by rdpdiag from "
                + escape(String.join(", ", s.inputs())) + ". Knowledge base " + escape(s.knowledge()) + ".</p>\n");
        summary(s, out);
        out.write("<h2 id=\"by-cause\">Hosts by cause</h2>\n");
        out.write("<p class=\"note\">Each bar counts the hosts on which the cause is confirmed or likely; a host "
                + "with two such causes counts under both.</p>\n");
        out.write(chart(s.causes()));
        causeTable(s, out);
        for (CauseRow c : s.causes()) {
            if (c.confirmed() + c.likely() == 0) {
                continue;
            }
            out.write("<h3 id=\"cause-" + escape(c.id()) + "\">" + escape(c.title()) + " <span class=\"note\">("
                    + escape(c.id()) + "): " + c.confirmed() + " confirmed, " + c.likely() + " likely</span></h3>\n");
            Optional<Cause> cause = catalog.cause(c.id());
            if (cause.isPresent()) {
                out.write("<p>" + escape(cause.get().explanation()) + " <span class=\"note\">Microsoft documentation: "
                        + escape(cause.get().claimStatus().word()) + (cause.get().claimNote() == null ? ""
                                : ". " + escape(cause.get().claimNote())) + "</span></p>\n");
            }
            out.write("<ul class=\"hosts\">\n");
            parts.causeHosts(c.id(), out);
            out.write("</ul>\n");
        }
        if (s.invalid() + s.failed() > 0) {
            out.write("<h2 id=\"problems\">Records that could not be diagnosed</h2>\n");
            out.write("<table>\n<tr><th class=\"n\">#</th><th>host</th><th>where</th><th>problem</th></tr>\n");
            parts.problems(out);
            out.write("</table>\n");
        }
        out.write("<h2 id=\"hosts\">Every host</h2>\n<p class=\"note\">In input order. Open a host for its diagnosis: "
                + "the causes with their evidence, what was ruled out and why, and its plan, whose steps are described "
                + "<a href=\"#steps\">below</a>.</p>\n");
        parts.hosts(out);
        steps(s.steps(), catalog, out);
        out.write(HtmlWriter.PAGE_END);
    }

    private static void summary(FleetSummary s, Writer out) throws IOException {
        out.write("<h2 id=\"summary\">Summary</h2>\n<table>\n");
        row(out, "hosts in the inputs", s.hosts(), null);
        row(out, "diagnosed", s.diagnosed(), null);
        row(out, "with a confirmed or likely cause", s.diagnosed() - s.undetermined(), null);
        row(out, "no cause established yet (the plan starts with checks)", s.undetermined(), null);
        row(out, "invalid facts (not diagnosed)", s.invalid(), s.invalid() > 0 ? "invalid" : null);
        row(out, "failed in the rules (not diagnosed)", s.failed(), s.failed() > 0 ? "failed" : null);
        out.write("</table>\n");
    }

    private static void row(Writer out, String label, long n, String cssClass) throws IOException {
        out.write("<tr><td" + (cssClass == null ? "" : " class=\"" + cssClass + "\"") + ">" + escape(label)
                + "</td><td class=\"n\">" + n + "</td></tr>\n");
    }

    private static void causeTable(FleetSummary s, Writer out) throws IOException {
        out.write("<table>\n<tr><th>cause</th><th class=\"n\">leading</th><th class=\"n confirmed\">confirmed</th>"
                + "<th class=\"n likely\">likely</th><th class=\"n possible\">possible</th>"
                + "<th class=\"n ruled_out\">ruled out</th></tr>\n");
        for (CauseRow c : s.causes()) {
            String name = c.confirmed() + c.likely() > 0
                    ? "<a href=\"#cause-" + escape(c.id()) + "\">" + escape(c.id()) + "</a>" : escape(c.id());
            out.write("<tr><td title=\"" + escape(c.title()) + "\">" + name + "</td><td class=\"n\">" + c.leading()
                    + "</td><td class=\"n\">" + c.confirmed() + "</td><td class=\"n\">" + c.likely() + "</td><td class=\"n\">"
                    + c.possible() + "</td><td class=\"n\">" + c.ruledOut() + "</td></tr>\n");
        }
        out.write("</table>\n<p class=\"note\">Leading: the host's first-ranked cause is this one and it is "
                + "confirmed or likely.</p>\n");
    }

    /** A horizontal bar chart of the confirmed and likely counts of each cause that has any. */
    static String chart(List<CauseRow> causes) {
        List<CauseRow> shown = causes.stream().filter(c -> c.confirmed() + c.likely() > 0).toList();
        if (shown.isEmpty()) {
            return "<p class=\"note\">No cause is confirmed or likely on any host.</p>\n";
        }
        long max = shown.stream().mapToLong(c -> c.confirmed() + c.likely()).max().orElse(1);
        int label = 300;
        int bars = 420;
        int rowHeight = 22;
        int height = rowHeight * shown.size() + 30;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg role=\"img\" width=\"").append(label + bars + 90)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(label + bars + 90).append(' ')
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<title>Hosts by cause: confirmed and likely</title>\n");
        for (int i = 0; i < shown.size(); i++) {
            CauseRow c = shown.get(i);
            int y = i * rowHeight;
            double confirmedWidth = bars * (double) c.confirmed() / max;
            double likelyWidth = bars * (double) c.likely() / max;
            svg.append("<text x=\"").append(label - 6).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(escape(c.id())).append("</text>\n");
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#b22222\">"
                    + "<title>%s: %d confirmed</title></rect>\n", label, y + 3, confirmedWidth, escape(c.id()), c.confirmed()));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#e69500\">"
                    + "<title>%s: %d likely</title></rect>\n", label + confirmedWidth, y + 3, likelyWidth, escape(c.id()),
                    c.likely()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%d</text>\n", label + confirmedWidth + likelyWidth + 5,
                    y + 15, c.confirmed() + c.likely()));
        }
        int legend = shown.size() * rowHeight + 10;
        svg.append("<rect x=\"").append(label).append("\" y=\"").append(legend).append("\" width=\"12\" height=\"12\" fill=\"#b22222\"/>")
                .append("<text x=\"").append(label + 16).append("\" y=\"").append(legend + 11).append("\">confirmed</text>\n");
        svg.append("<rect x=\"").append(label + 100).append("\" y=\"").append(legend).append("\" width=\"12\" height=\"12\" fill=\"#e69500\"/>")
                .append("<text x=\"").append(label + 116).append("\" y=\"").append(legend + 11).append("\">likely</text>\n");
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** A link to the host's section. */
    @Override
    public String causeHost(CauseHost h) {
        return "<li><a href=\"#h-" + h.index() + "\">" + escape(h.id()) + "</a> <span class=\"" + cssWord(h.status())
                + "\">" + escape(h.status()) + " " + percent(h.confidence()) + "</span></li>\n";
    }

    @Override
    public String problemRow(ProblemRow r) {
        return "<tr><td class=\"n\"><a href=\"#h-" + r.index() + "\">" + r.index() + "</a></td><td>" + escape(r.id())
                + "</td><td>" + escape(r.location()) + "</td><td>" + escape(r.problem()) + "</td></tr>\n";
    }

    @Override
    public String section(HostSection section) {
        if (section instanceof Diagnosed d) {
            return hostSection(d.index(), d.location(), d.diagnosis());
        }
        Undiagnosed u = (Undiagnosed) section;
        return problemSection(u.index(), u.id(), u.location(), u.outcome().word(), u.problems());
    }

    /**
     * A host's diagnosis, folded: the decoded error, every cause that is established, suspected or
     * has evidence (with that evidence), the other possible causes, what was ruled out and why,
     * and the ordered plan with the reason for each step's place. The steps' instructions are the
     * same for every host, so the page describes them once ({@link FleetSummary#steps()}).
     * One line of HTML, without a line break.
     */
    private static String hostSection(long index, String location, Diagnosis d) {
        StringBuilder h = new StringBuilder(4096);
        CauseAssessment lead = d.causes().isEmpty() ? null : d.causes().get(0);
        String verdict = lead != null && (lead.status() == Status.CONFIRMED || lead.status() == Status.LIKELY)
                ? "<span class=\"" + lead.status().word() + "\">" + escape(lead.cause().id()) + " " + lead.status().word()
                        + " " + percent(lead.confidence()) + "</span>"
                : "<span class=\"possible\">no cause established</span>";
        h.append("<details class=\"host\" id=\"h-").append(index).append("\"><summary>").append(index).append(". <b>")
                .append(escape(d.facts().id())).append("</b> ").append(verdict).append(" <span class=\"note\">")
                .append(escape(location)).append("</span></summary>");
        h.append("<p>").append(escape(errorLine(d))).append("</p>");
        List<CauseAssessment> shown = new ArrayList<>();
        List<String> alsoPossible = new ArrayList<>();
        List<CauseAssessment> ruledOut = new ArrayList<>();
        for (CauseAssessment a : d.causes()) {
            if (a.status() == Status.RULED_OUT) {
                ruledOut.add(a);
            } else if (a.status() != Status.POSSIBLE || a.conflicting() || !a.support().isEmpty() || !a.against().isEmpty()) {
                shown.add(a);
            } else {
                alsoPossible.add(escape(a.cause().id()) + " " + percent(a.confidence()));
            }
        }
        if (!shown.isEmpty()) {
            h.append("<table><tr><th>cause</th><th>status</th><th class=\"n\">confidence</th><th>evidence</th></tr>");
            for (CauseAssessment a : shown) {
                boolean decided = a.status() == Status.CONFIRMED || a.status() == Status.LIKELY;
                String id = escape(a.cause().id());
                h.append("<tr><td>").append(decided ? "<a href=\"#cause-" + id + "\">" + id + "</a>" : id)
                        .append("</td><td class=\"").append(a.status().word()).append("\">").append(a.status().word())
                        .append(a.conflicting() ? " (contradictory)" : "").append("</td><td class=\"n\">")
                        .append(percent(a.confidence())).append("</td><td>");
                List<String> lines = new ArrayList<>();
                for (EvidenceItem e : a.support()) {
                    lines.add(evidence(e));
                }
                for (EvidenceItem e : a.against()) {
                    lines.add(evidence(e));
                }
                if (a.conflicting()) {
                    lines.add(escape(a.reason()));
                }
                h.append(String.join("<br>", lines)).append("</td></tr>");
            }
            h.append("</table>");
        }
        if (!alsoPossible.isEmpty()) {
            h.append("<p class=\"note\">Also possible, nothing observed for or against yet: ")
                    .append(String.join(", ", alsoPossible)).append(".</p>");
        }
        if (!ruledOut.isEmpty()) {
            h.append("<p>Ruled out:</p><ul>");
            for (CauseAssessment a : ruledOut) {
                List<String> because = new ArrayList<>();
                for (EvidenceItem e : a.against()) {
                    if (e.weight().decisive()) {
                        because.add(factsText(e) + (e.explanation() == null ? e.rule() : e.explanation()));
                    }
                }
                h.append("<li><b>").append(escape(a.cause().id())).append("</b>: ").append(escape(String.join("; ", because)))
                        .append("</li>");
            }
            h.append("</ul>");
        }
        h.append("<p>Plan:</p><ol>");
        for (PlanStep p : d.plan().steps()) {
            h.append("<li>[").append(p.kind().word()).append("] <a href=\"#step-").append(escape(p.id())).append("\">")
                    .append(escape(p.title())).append("</a> <span class=\"note\">(").append(escape(p.id())).append(", on ")
                    .append(escape(p.runsOn().word())).append(")</span>");
            String why = switch (p.kind()) {
                case ESCALATE -> p.instructions().isEmpty() ? null : lastIfHostSpecific(p.instructions());
                case PREVENT -> null;
                default -> p.why();
            };
            if (p.warning() != null) {
                h.append("<br><span class=\"failed\">Warning: ").append(escape(p.warning())).append("</span>");
            }
            if (why != null) {
                h.append("<br><span class=\"note\">").append(escape(why)).append("</span>");
            }
            h.append("</li>");
        }
        h.append("</ol></details>");
        return h.toString();
    }

    /** The escalation step ends with the checks this host still needs, when there are any. */
    private static String lastIfHostSpecific(List<String> instructions) {
        String last = instructions.get(instructions.size() - 1);
        return last.startsWith("Before escalating") ? last : null;
    }

    private static String errorLine(Diagnosis d) {
        String main = d.error().main() == null ? "not recorded" : code(d.error().main());
        String extended = d.error().extended() == null ? "not recorded" : code(d.error().extended());
        String timing = d.facts().error().timing() == null ? "" : "; appears " + d.facts().error().timing().replace('-', ' ');
        return "Error code " + main + "; extended code " + extended + timing + "."
                + (d.error().targeted() ? "" : " This knowledge base is built for 0x904 with extended 0x7.");
    }

    private static String code(CodeInfo c) {
        return c.hex() + " (" + c.value() + ")" + (c.name() == null ? "" : " " + c.name());
    }

    private static String evidence(EvidenceItem e) {
        String sign = e.weight().certainty() > 0 ? "+ " : "&minus; ";
        return sign + escape(e.weight().word() + " " + factsText(e) + (e.explanation() == null ? e.rule() : e.explanation()));
    }

    private static String factsText(EvidenceItem e) {
        if (e.facts().isEmpty()) {
            return "";
        }
        List<String> values = new ArrayList<>();
        for (FactValue v : e.facts()) {
            values.add(v.toString());
        }
        return String.join(", ", values) + ": ";
    }

    /** Each plan step the fleet's plans use, described once: where it runs, what to do, how to check and undo it. */
    private static void steps(List<String> ids, Catalog catalog, Writer out) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        out.write("<h2 id=\"steps\">Plan steps</h2>\n<p class=\"note\">Every step the plans above use, in order of "
                + "first use. Commands are for an elevated PowerShell or command prompt on the computer named.</p>\n");
        for (String id : ids) {
            String safeId = escape(id);
            Optional<Check> check = catalog.check(id);
            Optional<Fix> fix = catalog.fix(id);
            Optional<Fix> undone = id.endsWith("-rollback") ? catalog.fix(id.substring(0, id.length() - "-rollback".length()))
                    : Optional.empty();
            StringBuilder b = new StringBuilder("<section id=\"step-").append(safeId).append("\">");
            if (check.isPresent()) {
                Check c = check.get();
                b.append("<h3>").append(escape(c.title())).append(" <span class=\"note\">(check ").append(safeId)
                        .append(", on ").append(escape(c.runsOn().word())).append(")</span></h3>");
                list(b, c.steps());
                if (c.explanation() != null) {
                    b.append("<p>").append(escape(c.explanation())).append("</p>");
                }
                commands(b, c.commands());
            } else if (fix.isPresent()) {
                Fix f = fix.get();
                b.append("<h3>").append(escape(f.title())).append(" <span class=\"note\">(").append(escape(f.kind()))
                        .append(' ').append(safeId).append(", on ").append(escape(f.runsOn().word())).append(")</span></h3>");
                if (f.warning() != null) {
                    b.append("<p class=\"failed\">Warning: ").append(escape(f.warning())).append("</p>");
                }
                list(b, f.steps());
                commands(b, f.commands());
                if (f.restart() != Restart.NONE) {
                    b.append("<p>Restart: ").append(escape(f.restart().word().replace('-', ' ')))
                            .append(f.restartDetail() == null ? "" : ". " + escape(f.restartDetail())).append("</p>");
                }
                for (String v : f.verify()) {
                    b.append("<p>Verify: ").append(escape(v)).append("</p>");
                }
                if (f.rollback() != null && !f.risky()) {
                    b.append("<p>Undo, if needed: ").append(escape(f.rollback().title() == null ? "" : f.rollback().title()))
                            .append("</p>");
                    list(b, f.rollback().steps());
                    commands(b, f.rollback().commands());
                }
            } else if (undone.isPresent() && undone.get().rollback() != null) {
                Fix.Rollback r = undone.get().rollback();
                b.append("<h3>").append(escape(r.title() == null ? "Undo: " + undone.get().title() : r.title()))
                        .append(" <span class=\"note\">(rollback ").append(safeId).append(", on ")
                        .append(escape(undone.get().runsOn().word())).append(")</span></h3>");
                list(b, r.steps());
                commands(b, r.commands());
            } else {
                b.append("<h3>").append(safeId).append("</h3>");
            }
            out.write(b.append("</section>\n").toString());
        }
    }

    private static void list(StringBuilder b, List<String> items) {
        if (!items.isEmpty()) {
            b.append("<ul>");
            for (String i : items) {
                b.append("<li>").append(escape(i)).append("</li>");
            }
            b.append("</ul>");
        }
    }

    private static void commands(StringBuilder b, List<String> commands) {
        if (!commands.isEmpty()) {
            b.append("<pre>").append(escape(String.join("\n", commands))).append("</pre>");
        }
    }

    /** The section of a record that could not be diagnosed: its problems. One line. */
    private static String problemSection(long index, String id, String location, String outcome, List<String> problems) {
        return "<details class=\"host\" id=\"h-" + index + "\"><summary>" + index + ". <b>" + escape(id)
                + "</b> <span class=\"" + cssWord(outcome) + "\">" + escape(outcome) + "</span> <span class=\"note\">"
                + escape(location) + "</span></summary><pre>" + escape(String.join("\n", problems)) + "</pre></details>";
    }

    private static String cssWord(String status) {
        return switch (status) {
            case "confirmed", "likely", "possible", "ruled_out", "invalid", "failed" -> status;
            default -> "note";
        };
    }

    private static String percent(double confidence) {
        return Math.round(confidence * 100) + "%";
    }
}
