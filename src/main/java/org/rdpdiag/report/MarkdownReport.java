package org.rdpdiag.report;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.rdpdiag.diagnosis.CodeInfo;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Explained;
import org.rdpdiag.engine.EvidenceItem;
import org.rdpdiag.engine.FactValue;
import org.rdpdiag.engine.Firing;
import org.rdpdiag.engine.StaleReadings;
import org.rdpdiag.engine.Status;
import org.rdpdiag.knowledge.Restart;
import org.rdpdiag.knowledge.ClaimStatus;
import org.rdpdiag.knowledge.SeedClaim;
import org.rdpdiag.plan.PlanStep;
import org.rdpdiag.text.Inert;

/**
 * The report as Markdown, for tickets and wikis. Same content and order as the text report.
 * Values from the input (the id, the file name, observed values) go through {@link #value} or
 * a code span, so that a ticket shows them as text and never as a heading, a link or HTML.
 */
public final class MarkdownReport {
    /** What makes a line a heading, list item or thematic break: its last character gets the backslash. */
    private static final Pattern LINE_START = Pattern.compile("[ ]{0,3}(#|\\+|-|=|\\d{1,9}[.)])");
    private final StringBuilder out = new StringBuilder();

    private MarkdownReport() {}

    public static String render(Diagnosis d, ReportOptions options) {
        MarkdownReport r = new MarkdownReport();
        r.out.append("# rdpdiag diagnosis for ").append(value(d.facts().id())).append("\n\n");
        if (options.source() != null) {
            r.out.append("Facts: ").append(MarkdownWriter.codeSpan(options.source(), false)).append("\n\n");
        }
        r.summary(d, options.brief());
        if (options.brief()) {
            return r.out.toString();
        }
        r.error(d);
        r.setAside(d);
        r.noKnownCause(d);
        r.causes(d);
        r.ruledOut(d);
        r.factSources(d);
        r.plan(d);
        if (options.explain()) {
            r.trace(d);
        }
        return r.out.toString();
    }

    /** The summary as a short list; commands in one fenced block per step, so they paste as they are. */
    private void summary(Diagnosis d, boolean brief) {
        out.append("## Summary\n\n");
        boolean inCommands = false;
        for (Summary.Line l : Summary.lines(d, brief)) {
            if (l.kind() == Summary.Kind.COMMAND) {
                if (!inCommands) {
                    out.append("\n```powershell\n");
                    inCommands = true;
                }
                out.append(l.text()).append('\n');
                continue;
            }
            if (inCommands) {
                out.append("```\n\n");
                inCommands = false;
            }
            switch (l.kind()) {
                case HEADING -> out.append("\n**").append(l.text()).append("**\n\n");
                default -> out.append(l.indent() > 4 ? "  " : "").append("- ").append(esc(l.text())).append('\n');
            }
        }
        if (inCommands) {
            out.append("```\n");
        }
        out.append('\n');
    }

    private void error(Diagnosis d) {
        out.append("## Error\n\n");
        code("Error code", d.error().main());
        code("Extended code", d.error().extended());
        if (d.facts().error().timing() != null) {
            out.append("- Appears: ").append(d.facts().error().timing().replace('-', ' ')).append('\n');
        }
        out.append('\n');
        for (String note : d.error().notes()) {
            out.append(esc(note)).append("\n\n");
        }
        for (SeedClaim c : d.error().seedClaims()) {
            if (c.status() != ClaimStatus.SUPPORTED) {
                out.append("> **Source claim (").append(c.status().word()).append(")**: seed ")
                        .append(String.join(", ", c.seeds())).append(" says ").append(esc(c.claim())).append(' ')
                        .append(esc(c.verdict())).append("\n\n");
            }
        }
    }

    private void code(String label, CodeInfo c) {
        out.append("- ").append(label).append(": ");
        if (c == null) {
            out.append("not recorded\n");
        } else {
            out.append('`').append(c.hex()).append("` (").append(c.value()).append(')')
                    .append(c.known() ? " `" + c.name() + "`: " + esc(c.meaning()) : ": not in the code table").append('\n');
        }
    }

    private void causes(Diagnosis d) {
        out.append("## Causes, most likely first\n\n");
        out.append("| # | Status | Confidence | Cause | Claim |\n|---|---|---|---|---|\n");
        int n = 1;
        List<CauseAssessment> ranked = d.causes().stream().filter(a -> a.status() != Status.RULED_OUT).toList();
        for (CauseAssessment a : ranked) {
            out.append("| ").append(n++).append(" | ").append(a.status().word()).append(" | ")
                    .append(Math.round(a.confidence() * 100)).append("% | `").append(a.cause().id()).append("` ")
                    .append(esc(a.cause().title())).append(" | ").append(a.cause().claimStatus().word()).append(" |\n");
        }
        out.append('\n');
        for (int k = 0; k < ranked.size(); k++) {
            CauseAssessment a = ranked.get(k);
            if (a.support().isEmpty() && a.against().isEmpty()) {
                continue;
            }
            out.append("### `").append(a.cause().id()).append("`: ").append(a.status().word()).append(", ")
                    .append(Math.round(a.confidence() * 100)).append("%\n\n");
            RankNote.of(ranked, k).ifPresent(note -> out.append("_").append(esc(note)).append("_\n\n"));
            Explained.of(ranked.get(k), ranked).sentence().ifPresent(note -> out.append("_").append(esc(note)).append("_\n\n"));
            if (a.conflicting()) {
                out.append("**Contradiction:** ").append(esc(a.reason())).append("\n\n");
            }
            for (EvidenceItem i : a.support()) {
                evidence(i);
            }
            for (EvidenceItem i : a.against()) {
                evidence(i);
            }
            if (!a.unknown().isEmpty()) {
                out.append("- Unknown: ").append(a.unknown().stream().map(u -> "`" + u + "`").collect(Collectors.joining(", "))).append('\n');
            }
            if (a.cause().claimStatus() != ClaimStatus.SUPPORTED && a.cause().claimNote() != null) {
                out.append("- Claim ").append(a.cause().claimStatus().word()).append(": ").append(esc(a.cause().claimNote())).append('\n');
            }
            out.append("- Sources: ").append(esc(TextReport.sources(a.cause().sources()))).append("\n\n");
        }
    }

    private void evidence(EvidenceItem i) {
        out.append("- ").append(i.weight().certainty() > 0 ? "**+** " : "**−** ").append(i.weight().word()).append(": ");
        if (!i.facts().isEmpty()) {
            out.append(facts(i.facts())).append(": ");
        }
        out.append(esc(i.explanation() == null ? "" : i.explanation()));
        if (i.fromTriedStep()) {
            out.append(" _(").append(esc(i.rule())).append(")_\n");
        } else {
            out.append(" _(rule \"").append(esc(i.rule())).append("\", ").append(i.file()).append(")_\n");
        }
    }

    private void ruledOut(Diagnosis d) {
        List<CauseAssessment> list = d.causes().stream().filter(a -> a.status() == Status.RULED_OUT).toList();
        if (list.isEmpty()) {
            return;
        }
        out.append("## Ruled out\n\n");
        for (CauseAssessment a : list) {
            List<String> reasons = a.against().stream().filter(i -> i.weight().decisive())
                    .map(i -> (i.facts().isEmpty() ? "" : facts(i.facts()) + ": ") + esc(i.explanation() == null ? i.rule() : i.explanation()))
                    .toList();
            String because = TextReport.joinReasons(reasons);
            out.append("- `").append(a.cause().id()).append("`: ").append(because).append('\n');
        }
        out.append('\n');
    }

    private void plan(Diagnosis d) {
        out.append("## Plan\n\n");
        for (PlanStep p : d.plan().steps()) {
            out.append(p.step()).append(". **[").append(p.kind().word()).append("] ").append(esc(p.title()))
                    .append("** (`").append(p.id()).append("`, on ").append(p.runsOn()).append(")\n");
            String ind = "   ";
            if (p.risky()) {
                out.append(ind).append("> **Warning:** ").append(esc(p.warning() == null ? "risky step" : p.warning())).append("\n\n");
            }
            for (String i : p.instructions()) {
                out.append(ind).append("- ").append(esc(i)).append('\n');
            }
            if (!p.commands().isEmpty()) {
                out.append('\n').append(ind).append("```\n");
                p.commands().forEach(c -> out.append(ind).append(c).append('\n'));
                out.append(ind).append("```\n");
            }
            if (p.restart() != Restart.NONE) {
                out.append(ind).append("- Restart: ").append(p.restart()).append(p.restartDetail() == null ? "" : ". " + esc(p.restartDetail())).append('\n');
            }
            p.verify().forEach(v -> out.append(ind).append("- Verify: ").append(esc(v)).append('\n'));
            if (p.undo() != null) {
                out.append(ind).append("- Undo, if needed: ").append(esc(p.undo().title())).append('\n');
                p.undo().steps().forEach(i -> out.append(ind).append("  - ").append(esc(i)).append('\n'));
                if (!p.undo().commands().isEmpty()) {
                    out.append('\n').append(ind).append("  ```\n");
                    p.undo().commands().forEach(c -> out.append(ind).append("  ").append(c).append('\n'));
                    out.append(ind).append("  ```\n");
                }
            }
            if (p.rollback() != null) {
                out.append(ind).append("- Rollback: step ").append(p.step() + 1).append('\n');
            }
            out.append(ind).append("- Why here: ").append(esc(p.why())).append("\n\n");
        }
    }

    private void trace(Diagnosis d) {
        out.append("## Rule trace\n\n");
        for (Firing f : d.trace()) {
            out.append(String.format(Locale.ROOT, "%d. \"%s\" (%s)", f.order(), esc(f.rule()), f.file()));
            if (!f.facts().isEmpty()) {
                out.append(" on ").append(facts(f.facts()));
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private void setAside(Diagnosis d) {
        if (d.setAside().isEmpty()) {
            return;
        }
        out.append("## Stale readings, set aside\n\n");
        out.append("These were read before the last change; the diagnosis does not use them. Read them again.\n\n");
        for (StaleReadings.StaleReading r : d.setAside()) {
            out.append("- ").append(facts(List.of(new FactValue(r.path(), r.value())))).append(": ").append(esc(r.reason()))
                    .append('\n');
        }
        out.append('\n');
    }

    private void noKnownCause(Diagnosis d) {
        if (d.noKnownCause()) {
            out.append("## No known cause\n\n").append(esc(Honest.noKnownCause(d))).append("\n\n");
            List<FactValue> unused = d.unusedObservations();
            if (!unused.isEmpty()) {
                out.append(Honest.UNUSED).append(":\n\n");
                unused.forEach(v -> out.append("- ").append(facts(List.of(v))).append('\n'));
                out.append('\n');
            }
        }
        if (!d.facts().notes().isEmpty()) {
            out.append("## Notes\n\n").append(Honest.NOTES).append(":\n\n");
            d.facts().notes().forEach(n -> out.append("- ").append(n.side().word()).append(": ").append(esc(n.text())).append('\n'));
            out.append('\n');
        }
    }

    private void factSources(Diagnosis d) {
        java.util.Map<String, String> cited = FactSources.cited(d);
        if (cited.isEmpty()) {
            return;
        }
        out.append("## Fact sources\n\n").append(FactSources.TITLE).append(":\n\n");
        cited.forEach((path, source) -> out.append("- ").append(MarkdownWriter.codeSpan(path, false)).append(": ")
                .append(esc(source)).append('\n'));
        out.append('\n');
    }

    private static String facts(List<FactValue> facts) {
        return facts.stream().map(v -> MarkdownWriter.codeSpan(v.path() + " = " + v.value(), false))
                .collect(Collectors.joining(", "));
    }

    /**
     * Keeps the knowledge base's prose from being read as emphasis, code or HTML, and controls in
     * it from reaching a terminal. Square brackets stay: the prose uses them (write [] when ...).
     */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return Inert.terminal(s).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("*", "\\*").replace("_", "\\_").replace("`", "\\`");
    }

    /**
     * A value from the input as inert Markdown text on one line: controls and line breaks escaped
     * visibly by {@link Inert}, and every character that could start a link or image, emphasis,
     * code, HTML, an entity or a table cell escaped; a heading, quote or list marker at its start
     * too, in case the value begins a line.
     */
    static String value(String s) {
        String t = Inert.terminal(s == null ? "" : s);
        StringBuilder out = new StringBuilder(t.length() + 8);
        Matcher marker = LINE_START.matcher(t);
        int from = 0;
        if (marker.lookingAt()) {
            out.append(t, 0, marker.end() - 1).append('\\').append(t.charAt(marker.end() - 1));
            from = marker.end();
        }
        for (int i = from; i < t.length(); i++) {
            char c = t.charAt(i);
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '(', ')', '!', '|', '~' -> out.append('\\').append(c);
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
