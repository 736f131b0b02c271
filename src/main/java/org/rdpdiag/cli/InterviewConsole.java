package org.rdpdiag.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.EvidenceItem;
import org.rdpdiag.engine.Status;
import org.rdpdiag.interview.Answer;
import org.rdpdiag.interview.AnswerParser;
import org.rdpdiag.interview.Candidate;
import org.rdpdiag.interview.Interview;
import org.rdpdiag.strategy.Option;
import org.rdpdiag.strategy.Action;
import org.rdpdiag.strategy.Outcome;
import org.rdpdiag.report.Style;
import org.rdpdiag.report.TextReport;
import org.rdpdiag.report.Wrap;
import org.rdpdiag.text.Inert;

/**
 * The conversation in a terminal: shows a question with numbered choices and how to find the
 * answer, reads a line, and understands the commands {@code unknown}, {@code why}, {@code how},
 * {@code back}, {@code quit} and {@code help}. Input comes through a {@link LineSource} so tests
 * can drive it without a terminal.
 */
final class InterviewConsole {
    /** Where lines come from: JLine on a terminal, a plain reader in tests. Null means end of input. */
    interface LineSource {
        String readLine(String prompt);
    }

    /** How the conversation ended. */
    enum End { FINISHED, QUIT }

    private static final String HELP = "Answer with a number or a value; 'unknown' (or 'skip') when it cannot be found out; "
            + "'why' to see what the answer would change; 'how' for the ranking and its evidence; 'back' to change the "
            + "previous answer; 'quit' to stop and save the answers.";

    private final Interview interview;
    private final LineSource in;
    private final PrintWriter out;
    private final Style style;
    private String endReason;
    /** The report the interview ended with, so that it is not made a second time; null until it ends. */
    private org.rdpdiag.diagnosis.Diagnosis report;

    InterviewConsole(Interview interview, LineSource in, PrintWriter out, boolean color) {
        this.interview = interview;
        this.in = in;
        this.out = out;
        this.style = new Style(color);
    }

    String endReason() {
        return endReason;
    }

    org.rdpdiag.diagnosis.Diagnosis report() {
        return report;
    }

    End run() {
        out.println(bold("rdpdiag interview") + "  (type 'help' at any prompt)");
        int number = interview.answers().size();
        while (true) {
            Interview.Selection selection = interview.next();
            if (selection.finished()) {
                endReason = selection.endReason();
                report = selection.report();
                out.println();
                out.println(wrap(bold("Interview complete: ") + endReason + ".", ""));
                if (selection.firstStep() instanceof Action.Repair r) {
                    String go = selection.planStep() <= 1 ? "Try step 1 now: "
                            : "Go through the plan's checks, then step " + selection.planStep() + ": ";
                    out.println(wrap(go + r.fix().title() + " (" + r.fix().id() + "). If the failure "
                            + "persists, continue with `rdpdiag ask --facts <saved answers>` and record the step as "
                            + "tried (tried: [{step: " + r.fix().id() + ", outcome: still-fails}]).", ""));
                }
                return End.FINISHED;
            }
            Candidate c = selection.question();
            number = interview.answers().size() + 1;
            show(number, c);
            while (true) {
                String line = in.readLine(prompt(c));
                if (line == null) {
                    endReason = "input ended";
                    return End.QUIT;
                }
                String word = line.strip().toLowerCase(Locale.ROOT);
                switch (word) {
                    case "quit", "exit", "q" -> {
                        endReason = "stopped on request";
                        return End.QUIT;
                    }
                    case "help", "?" -> {
                        out.println(wrap(HELP, "  "));
                        continue;
                    }
                    case "why" -> {
                        why(c);
                        continue;
                    }
                    case "how" -> {
                        how(selection.ranking());
                        continue;
                    }
                    case "back" -> {
                        Optional<Answer> undone = interview.back();
                        if (undone.isEmpty()) {
                            out.println("  Nothing to take back yet.");
                            continue;
                        }
                        out.println("  Took back " + undone.get().questionId() + " = "
                                + (undone.get().unknown() ? "unknown" : Inert.terminal(String.valueOf(undone.get().value())))
                                + "; everything concluded from it is withdrawn.");
                        break;
                    }
                    case "unknown", "skip", "u", "-" -> {
                        interview.answer(c.question(), null);
                        status();
                        break;
                    }
                    default -> {
                        AnswerParser.Parsed parsed = AnswerParser.parse(line, c);
                        if (!parsed.ok()) {
                            out.println("  " + parsed.hint() + ".");
                            continue;
                        }
                        interview.answer(c.question(), parsed.value());
                        status();
                    }
                }
                break;
            }
        }
    }

    private void show(int number, Candidate c) {
        out.println();
        out.println(wrap(bold("Q" + number + " ") + c.question().prompt(), ""));
        if (c.question().note() != null) {
            out.println(wrap(dim(c.question().note()), "   "));
        }
        List<Option> options = c.options();
        for (int i = 0; i < options.size(); i++) {
            out.println("   " + (i + 1) + ") " + options.get(i).label());
        }
        if (c.multiple()) {
            out.println(dim("   List every one that applies, e.g. 1,3, or 'none'."));
        }
        if (c.check() != null) {
            out.println(dim("   How to find out (on " + c.check().runsOn() + "):"));
            c.check().commands().forEach(cmd -> out.println(dim("     > ") + cmd));
        }
        out.flush();
    }

    private String prompt(Candidate c) {
        String choices = c.options().isEmpty() ? "answer" : "1-" + c.options().size();
        return "[" + choices + ", unknown, why, how, back, quit] > ";
    }

    private void why(Candidate c) {
        Action.Observe o = c.value();
        if (o == null) {
            out.println(wrap("Asked first, before any reasoning: the user can read it off the screen, and the "
                    + "diagnosis starts by decoding it.", "  "));
            return;
        }
        if (o.rootOf() != null) {
            out.println(wrap("Asked before trying a fix: the leading cause, " + o.rootOf() + ", can be brought about by "
                    + "another cause that nothing has tested yet, and repairing " + o.rootOf() + " alone would let that "
                    + "root bring it back. This answer decides the root, for " + minutes(o.cost().total()) + ".", "  "));
            out.flush();
            return;
        }
        if (o.opens() != null) {
            out.println(wrap("Asked because some of its answers open the follow-up \"" + o.opens().prompt().strip()
                    + "\", which matters to causes still open; together they are expected to save "
                    + minutes(o.saving()) + " of troubleshooting for " + minutes(o.cost().total())
                    + ". No rule reads this answer by itself.", "  "));
            out.flush();
            return;
        }
        out.println(wrap("Asked because its answer is expected to save " + minutes(o.saving())
                + " of troubleshooting (the expected cost of reaching the fix that works) for "
                + minutes(o.cost().total()) + " of finding it out: the best saving per minute among the questions "
                + "that still save more than they cost.", "  "));
        for (Outcome outcome : o.outcomes()) {
            String effect = outcome.moved().isEmpty() ? "changes little" : "chance of being the fault: " + outcome.moved().stream().limit(4)
                    .map(m -> m.cause() + " " + pct(m.before()) + " -> " + pct(m.after()))
                    .collect(Collectors.joining("; ")) + (outcome.moved().size() > 4 ? "; and "
                            + (outcome.moved().size() - 4) + " more" : "");
            out.println(wrap("if " + outcome.answer().label() + " (odds " + pct(outcome.probability()) + "): " + effect
                    + "; then about " + minutes(outcome.expectedCost()) + " to the fix", "   "));
        }
        out.flush();
    }

    private static String minutes(double m) {
        return m >= 1 ? Math.round(m) + " min" : "under a minute";
    }

    private void how(List<CauseAssessment> ranking) {
        out.println("  Ranking now:");
        int n = 0;
        for (CauseAssessment a : ranking) {
            if (a.status() == Status.RULED_OUT || n++ >= 5) {
                continue;
            }
            out.println("   " + n + ". " + word(a.status()) + " " + pct(a.confidence()) + " " + bold(a.cause().id()));
            for (EvidenceItem i : a.support()) {
                out.println(wrap("+ " + i.weight().word() + " " + facts(i) + " (rule \"" + i.rule() + "\")", "        "));
            }
            for (EvidenceItem i : a.against()) {
                out.println(wrap("- " + i.weight().word() + " " + facts(i) + " (rule \"" + i.rule() + "\")", "        "));
            }
        }
        long out0 = ranking.stream().filter(a -> a.status() == Status.RULED_OUT).count();
        out.println("   " + out0 + " cause(s) ruled out.");
        out.flush();
    }

    private void status() {
        List<CauseAssessment> ranking = interview.ranking();
        String top = ranking.stream().filter(a -> a.status() != Status.RULED_OUT).limit(3)
                .map(a -> a.cause().id() + " " + word(a.status()) + " " + pct(a.confidence()))
                .collect(Collectors.joining(" | "));
        out.println(wrap(dim("now: " + top), "  "));
        out.flush();
    }

    private static String facts(EvidenceItem i) {
        return i.facts().stream().map(TextReport::fact).collect(Collectors.joining(", "));
    }

    private static String word(Status s) {
        return s.word();
    }

    private static String pct(double v) {
        return Math.round(v * 100) + "%";
    }

    /** Wraps at 100 columns; continuation lines are indented two more. */
    private static String wrap(String text, String indent) {
        return Wrap.wrap(text, indent, indent + "  ");
    }

    private String bold(String s) {
        return style.bold(s);
    }

    private String dim(String s) {
        return style.dim(s);
    }
}
