package org.rdpdiag.report;

import java.util.List;
import java.util.Map;
import java.util.Locale;
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
import org.rdpdiag.knowledge.Source;
import org.rdpdiag.plan.PlanStep;
import org.rdpdiag.plan.StepKind;
import org.rdpdiag.text.Inert;

/**
 * The report for people: the error, the ranked causes, what was ruled out, then the plan. Values
 * from the input (the id, the file name, the dialog text, observed values) pass through
 * {@link Inert} so that nothing in them can steer the terminal or start a line of its own.
 */
public final class TextReport {
    private static final String IND = "    ";
    private final Style s;
    private final StringBuilder out = new StringBuilder();

    private TextReport(boolean color) {
        this.s = new Style(color);
    }

    public static String render(Diagnosis d, ReportOptions options) {
        TextReport r = new TextReport(options.color());
        r.header(d, options);
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

    private void header(Diagnosis d, ReportOptions o) {
        out.append(s.bold("rdpdiag diagnosis for " + Inert.terminal(d.facts().id())));
        if (o.source() != null) {
            out.append(s.dim("  (" + Inert.terminal(o.source()) + ")"));
        }
        out.append("\n\n");
    }

    private void section(String title) {
        out.append(s.bold(s.cyan(title))).append('\n');
    }

    private void line(String text, String first, String rest) {
        out.append(Wrap.wrap(text, first, rest)).append('\n');
    }

    // ---- summary --------------------------------------------------------------------------

    private void summary(Diagnosis d, boolean brief) {
        section("SUMMARY");
        for (Summary.Line l : Summary.lines(d, brief)) {
            String pad = " ".repeat(l.indent());
            switch (l.kind()) {
                case HEADING -> out.append(pad).append(s.bold(l.text())).append('\n');
                case COMMAND -> out.append(pad).append(s.dim("> ")).append(l.text()).append('\n');
                case TEXT -> out.append(pad).append(l.text()).append('\n');
            }
        }
        out.append('\n');
    }

    // ---- error ----------------------------------------------------------------------------

    private void error(Diagnosis d) {
        section("ERROR");
        code("Error code", d.error().main());
        code("Extended code", d.error().extended());
        if (d.facts().error().timing() != null) {
            line("Appears " + d.facts().error().timing().replace('-', ' '), "  ", IND);
        }
        if (d.facts().error().dialogText() != null) {
            line("Dialog: \"" + Inert.prose(d.facts().error().dialogText()) + "\"", "  ", IND);
        }
        for (String note : d.error().notes()) {
            line(note, "  ", "  ");
        }
        for (SeedClaim c : d.error().seedClaims()) {
            if (c.status() != ClaimStatus.SUPPORTED) {
                line(s.yellow("Source claim (" + c.status().word() + ")") + ": seed " + seeds(c.seeds()) + " says "
                        + c.claim() + " " + c.verdict(), "  ", IND);
            }
        }
        out.append('\n');
    }

    private void setAside(Diagnosis d) {
        if (d.setAside().isEmpty()) {
            return;
        }
        section("STALE READINGS, SET ASIDE");
        line("These were read before the last change; the diagnosis does not use them. Read them again.", "  ", "  ");
        for (StaleReadings.StaleReading r : d.setAside()) {
            line(fact(new FactValue(r.path(), r.value())) + ": " + r.reason(), "  - ", IND);
        }
        out.append('\n');
    }

    private void noKnownCause(Diagnosis d) {
        if (d.noKnownCause()) {
            section("NO KNOWN CAUSE");
            line(Honest.noKnownCause(d), "  ", "  ");
            List<FactValue> unused = d.unusedObservations();
            if (!unused.isEmpty()) {
                line(Honest.UNUSED + ":", "  ", "  ");
                unused.forEach(v -> line(fact(v), "  - ", IND));
            }
            out.append('\n');
        }
        if (!d.facts().notes().isEmpty()) {
            section("NOTES");
            line(Honest.NOTES + ":", "  ", "  ");
            d.facts().notes().forEach(n -> line(n.side().word() + ": " + Inert.prose(n.text()), "  - ", IND));
            out.append('\n');
        }
    }

    private void factSources(Diagnosis d) {
        Map<String, String> cited = FactSources.cited(d);
        if (cited.isEmpty()) {
            return;
        }
        section("FACT SOURCES");
        line(FactSources.TITLE + ":", "  ", "  ");
        cited.forEach((path, source) -> line(path + ": " + Inert.terminal(source), "  - ", IND));
        out.append('\n');
    }

    private void code(String label, CodeInfo c) {
        if (c == null) {
            line(label + ": not recorded", "  ", IND);
            return;
        }
        String text = label + ": " + s.bold(c.hex()) + " (" + c.value() + ")"
                + (c.known() ? " " + c.name() + ": " + c.meaning() : ": not in the code table");
        line(text, "  ", IND);
    }

    // ---- causes ---------------------------------------------------------------------------

    private void causes(Diagnosis d) {
        List<CauseAssessment> ranked = d.causes().stream().filter(a -> a.status() != Status.RULED_OUT).toList();
        section("CAUSES, MOST LIKELY FIRST");
        int n = 1;
        for (CauseAssessment a : ranked) {
            boolean detailed = a.status() != Status.POSSIBLE || !a.support().isEmpty() || !a.against().isEmpty();
            String prefix = String.format(Locale.ROOT, "%2d. %s %3d%%  ", n++, status(a), Math.round(a.confidence() * 100));
            line(s.bold(a.cause().id()) + " " + s.dim(a.cause().title()), prefix, IND + "  ");
            RankNote.of(ranked, n - 2).ifPresent(note -> line(s.dim(note), IND + "  ", IND + "  "));
            Explained.of(a, ranked).sentence().ifPresent(note -> line(note, IND + "  ", IND + "  "));
            if (a.conflicting()) {
                line(s.red("Contradiction: ") + a.reason(), IND + "  ", IND + "  ");
            }
            for (EvidenceItem i : a.support()) {
                evidence(i);
            }
            for (EvidenceItem i : a.against()) {
                evidence(i);
            }
            if (detailed && !a.unknown().isEmpty()) {
                line(s.dim("unknown: " + String.join(", ", a.unknown())), IND + "  ", IND + "           ");
            }
            if (detailed || a.cause().claimStatus() != ClaimStatus.SUPPORTED) {
                claim(a);
            }
            if (detailed) {
                line(s.dim("sources: " + sources(a.cause().sources())), IND + "  ", IND + "           ");
            }
        }
        out.append('\n');
    }

    private void evidence(EvidenceItem i) {
        String sign = i.weight().certainty() > 0 ? s.green("+ " + i.weight().word()) : s.red("- " + i.weight().word());
        String facts = i.facts().isEmpty() ? "" : facts(i.facts()) + ": ";
        line(sign + " " + facts + (i.explanation() == null ? "" : i.explanation())
                + s.dim(i.fromTriedStep() ? " [" + i.rule() + "]" : " [rule \"" + i.rule() + "\", " + i.file() + "]"),
                IND + "  ", IND + "    ");
    }

    private void claim(CauseAssessment a) {
        ClaimStatus cs = a.cause().claimStatus();
        if (cs == ClaimStatus.SUPPORTED) {
            line(s.dim("claim: supported by Microsoft documentation"), IND + "  ", IND + "  ");
        } else {
            line(s.yellow("claim: " + cs.word()) + (a.cause().claimNote() == null ? "" : ". " + a.cause().claimNote()),
                    IND + "  ", IND + "  ");
        }
    }

    private void ruledOut(Diagnosis d) {
        List<CauseAssessment> out0 = d.causes().stream().filter(a -> a.status() == Status.RULED_OUT).toList();
        if (out0.isEmpty()) {
            return;
        }
        section("RULED OUT");
        for (CauseAssessment a : out0) {
            List<String> reasons = a.against().stream().filter(i -> i.weight().decisive())
                    .map(i -> (i.facts().isEmpty() ? "" : facts(i.facts()) + ": ") + (i.explanation() == null ? i.rule() : i.explanation()))
                    .toList();
            String because = TextReport.joinReasons(reasons);
            line(s.bold(a.cause().id()) + ": " + because + s.dim(" [" + a.reason() + "]"), "  - ", IND);
        }
        out.append('\n');
    }

    // ---- plan -----------------------------------------------------------------------------

    private void plan(Diagnosis d) {
        section("PLAN");
        for (PlanStep p : d.plan().steps()) {
            String kind = switch (p.kind()) {
                case CHECK -> s.cyan("check");
                case FIX -> p.risky() ? s.red("fix") : s.green("fix");
                case VERIFY -> s.cyan("verify");
                case ROLLBACK -> s.yellow("rollback");
                case ESCALATE -> s.yellow("escalate");
                case PREVENT -> s.green("prevent");
            };
            String prefix = String.format(Locale.ROOT, "%2d. [%s] ", p.step(), kind);
            line(s.bold(p.title()) + s.dim(" (" + p.id() + ", on " + p.runsOn() + ")"), prefix, IND);
            if (p.risky()) {
                line(s.red("WARNING: " + (p.warning() == null ? "risky step" : p.warning())), IND, IND + "  ");
            }
            for (String i : p.instructions()) {
                line(i, IND + "- ", IND + "  ");
            }
            for (String c : p.commands()) {
                out.append(IND).append(s.dim("> ")).append(c).append('\n');
            }
            if (p.restart() != Restart.NONE) {
                line("restart: " + p.restart() + (p.restartDetail() == null ? "" : ". " + p.restartDetail()), IND, IND + "  ");
            }
            for (String v : p.verify()) {
                line("verify: " + v, IND, IND + "  ");
            }
            if (p.undo() != null) {
                line("undo, if needed: " + (p.undo().title() == null ? "" : p.undo().title()), IND, IND + "  ");
                for (String i : p.undo().steps()) {
                    line(i, IND + "  - ", IND + "    ");
                }
                for (String c : p.undo().commands()) {
                    out.append(IND).append("  ").append(s.dim("> ")).append(c).append('\n');
                }
            }
            if (p.rollback() != null) {
                line("rollback: step " + (p.step() + 1) + " (" + p.rollback() + ")", IND, IND + "  ");
            }
            line(s.dim("why here: " + p.why()), IND, IND + "  ");
            if (p.kind() == StepKind.FIX || p.kind() == StepKind.PREVENT || p.kind() == StepKind.ESCALATE) {
                line(s.dim("sources: " + sources(p.sources())), IND, IND + "  ");
            }
        }
        out.append('\n');
    }

    // ---- trace ----------------------------------------------------------------------------

    private void trace(Diagnosis d) {
        section("RULE TRACE");
        line("Knowledge base " + d.knowledge().fingerprint().substring(0, 12) + " (" + d.knowledge().origin() + ", "
                + d.knowledge().rules() + " rules)", "  ", "  ");
        for (Firing f : d.trace()) {
            line(String.format(Locale.ROOT, "%3d. ", f.order()) + "\"" + f.rule() + "\"" + s.dim(" (" + f.file() + ")")
                    + (f.facts().isEmpty() ? "" : " on " + facts(f.facts())), "  ", IND + "   ");
        }
        out.append('\n');
    }

    // ---- helpers --------------------------------------------------------------------------

    private String status(CauseAssessment a) {
        String word = String.format(Locale.ROOT, "%-9s", a.status().word().toUpperCase(Locale.ROOT));
        return switch (a.status()) {
            case CONFIRMED -> s.red(word);
            case LIKELY -> s.yellow(word);
            case POSSIBLE -> word;
            case RULED_OUT -> s.dim(word);
        };
    }

    private static String facts(List<FactValue> facts) {
        return facts.stream().map(TextReport::fact).collect(Collectors.joining(", "));
    }

    /** {@code path = value}, the value shown as {@link Inert} makes it: observed values come from the input. */
    public static String fact(FactValue f) {
        return f.path() + " = " + Inert.terminal(String.valueOf(f.value()));
    }

    private static String seeds(List<String> seeds) {
        return seeds.stream().map(x -> x.length() > 3 ? x.substring(0, 3) : x).collect(Collectors.joining(", "));
    }

    /** Reasons that are sentences follow one another; fragments are separated by semicolons. */
    static String joinReasons(List<String> reasons) {
        return String.join(reasons.stream().allMatch(r -> r.endsWith(".")) ? " " : "; ", reasons);
    }

    static String sources(List<Source> sources) {
        return sources.stream().map(Source::cite).collect(Collectors.joining("; "));
    }
}
