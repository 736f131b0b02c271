package org.rdpdiag.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rdpdiag.diagnosis.CodeInfo;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.EvidenceItem;
import org.rdpdiag.engine.Status;
import org.rdpdiag.plan.PlanStep;
import org.rdpdiag.plan.StepKind;
import org.rdpdiag.text.Inert;

/**
 * What an engineer reads first: the codes in one line, the three leading causes with one line of
 * evidence each, and the next three plan steps with their commands, in at most {@link #MAX_LINES}
 * lines. Both the text and the Markdown report open with it, and {@code --brief} prints only it.
 *
 * <p>Commands are never cut or wrapped, so that they can be pasted; every other line fits
 * {@link Wrap#WIDTH} columns, shortened with an ellipsis where needed. Commands that do not fit
 * the line budget are counted and left to the full step in the plan.
 */
final class Summary {
    static final int MAX_LINES = 25;
    private static final int CAUSES = 3;
    private static final int STEPS = 3;

    /** One line of the summary: a heading, prose, or a command to paste, and how far it is indented. */
    record Line(Kind kind, int indent, String text) {}

    enum Kind { HEADING, TEXT, COMMAND }

    private Summary() {}

    static List<Line> lines(Diagnosis d, boolean brief) {
        List<Line> out = new ArrayList<>();
        out.add(text(codes(d), 2));
        if (!d.setAside().isEmpty()) {
            out.add(text("Set aside as stale (read before the last change; read again): " + d.setAside().stream()
                    .map(r -> r.path()).collect(java.util.stream.Collectors.joining(", ")), 2));
        }
        List<CauseAssessment> open = d.causes().stream().filter(a -> a.status() != Status.RULED_OUT).toList();
        if (d.noKnownCause()) {
            out.add(text(Honest.noKnownCauseShort(d), 2));
            List<org.rdpdiag.engine.FactValue> unused = d.unusedObservations();
            if (!unused.isEmpty()) {
                out.add(text(Honest.UNUSED + ": " + unused.stream().map(TextReport::fact)
                        .collect(java.util.stream.Collectors.joining(", ")), 2));
            }
        }
        if (!d.facts().notes().isEmpty()) {
            out.add(text(Honest.NOTES + ": " + d.facts().notes().stream().map(n -> n.side().word() + ": " + Inert.prose(n.text()))
                    .collect(java.util.stream.Collectors.joining("; ")), 2));
        }
        out.add(new Line(Kind.HEADING, 2, "Causes"));
        for (int i = 0; i < Math.min(CAUSES, open.size()); i++) {
            CauseAssessment a = open.get(i);
            out.add(text(String.format(Locale.ROOT, "%d. %-9s %3d%%  %s: %s", i + 1,
                    a.status().word().toUpperCase(Locale.ROOT), Math.round(a.confidence() * 100), a.cause().id(),
                    a.cause().title()), 4));
            out.add(text(evidence(a), 10));
        }
        out.add(new Line(Kind.HEADING, 2, "Next steps"));
        List<PlanStep> steps = d.plan().steps();
        int footer = 1;
        int stepsShown = Math.min(STEPS, steps.size());
        for (int i = 0; i < stepsShown; i++) {
            PlanStep p = steps.get(i);
            out.add(text(String.format(Locale.ROOT, "%d. [%s] %s (%s, on %s)", p.step(),
                    p.kind().name().toLowerCase(Locale.ROOT), p.title(), p.id(), p.runsOn()), 4));
            if (p.risky()) {
                out.add(text("WARNING: " + (p.warning() == null ? "risky step" : p.warning()), 7));
            }
            // Lines left for this step's commands: keep what each later step needs at least (its
            // title, its warning, a line that points to its commands), and the footer.
            int later = 0;
            for (int j = i + 1; j < stepsShown; j++) {
                later += 1 + (steps.get(j).risky() ? 1 : 0) + (steps.get(j).commands().isEmpty() ? 0 : 1);
            }
            int left = MAX_LINES - out.size() - footer - later;
            List<String> commands = p.commands();
            int shown = commands.size() <= left ? commands.size() : Math.max(0, left - 1);
            for (int c = 0; c < shown; c++) {
                out.add(new Line(Kind.COMMAND, 7, commands.get(c)));
            }
            if (shown < commands.size()) {
                out.add(text("(" + (commands.size() - shown) + " more command" + (commands.size() - shown == 1 ? "" : "s")
                        + ": see step " + p.step() + " of the plan)", 7));
            }
            if (p.kind() == StepKind.FIX && i == 0 && out.size() < MAX_LINES - footer - later) {
                out.add(text("Then connect again: if it works, stop here"
                        + (steps.size() > 1 ? "; if not, go on with step " + steps.get(1).step() : "") + ".", 7));
            }
        }
        out.add(text(brief ? "The full report: the same command without --brief."
                : "The full report follows; --brief prints only this summary.", 2));
        return out;
    }

    private static String codes(Diagnosis d) {
        StringBuilder b = new StringBuilder("Error ").append(code(d.error().main())).append(", extended ")
                .append(code(d.error().extended()));
        if (d.facts().error().timing() != null) {
            b.append(", appears ").append(d.facts().error().timing().replace('-', ' '));
        }
        return b.append(" (meaning: see ERROR below)").toString();
    }

    private static String code(CodeInfo c) {
        return c == null ? "not recorded" : c.hex() + " (" + c.value() + ")";
    }

    /** The strongest evidence for a cause, else the strongest against it, as facts and explanation. */
    private static String evidence(CauseAssessment a) {
        List<EvidenceItem> items = !a.support().isEmpty() ? a.support() : a.against();
        if (items.isEmpty()) {
            return "no evidence yet: " + (a.unknown().isEmpty() ? "nothing observed bears on it"
                    : "unknown " + String.join(", ", a.unknown()));
        }
        EvidenceItem best = items.get(0);
        for (EvidenceItem i : items) {
            if (Math.abs(i.weight().certainty()) > Math.abs(best.weight().certainty())) {
                best = i;
            }
        }
        String facts = best.facts().stream().map(TextReport::fact).collect(Collectors.joining(", "));
        return (best.weight().certainty() > 0 ? "+ " : "- ") + best.weight().word() + " " + (facts.isEmpty() ? ""
                : facts + ": ") + (best.explanation() == null ? best.rule() : best.explanation());
    }

    private static Line text(String text, int indent) {
        return new Line(Kind.TEXT, indent, fit(text, indent));
    }

    /** The text made inert and cut to fit the width after an indent of {@code indent} columns. */
    private static String fit(String text, int indent) {
        String t = Inert.terminal(text);
        int room = Wrap.WIDTH - indent;
        return t.length() <= room ? t : t.substring(0, room - 1) + "\u2026";
    }
}
