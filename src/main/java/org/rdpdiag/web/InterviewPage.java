package org.rdpdiag.web;

import static org.rdpdiag.report.HtmlReport.escape;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.EvidenceItem;
import org.rdpdiag.engine.Guarded;
import org.rdpdiag.engine.Status;
import org.rdpdiag.interview.AnswerParser;
import org.rdpdiag.interview.Candidate;
import org.rdpdiag.interview.Interview;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.report.HtmlReport;
import org.rdpdiag.strategy.Action;
import org.rdpdiag.strategy.Option;
import org.rdpdiag.strategy.Outcome;

/**
 * The interview page: one question with its choices, how to find the answer, why it is asked and
 * how the ranking stands, the leading causes and the answers so far; when the interview is over,
 * the report. Its form is a GET to the same page with the state in hidden fields, answered by a
 * redirect to the address with the new answer, so each step has an address of its own.
 */
final class InterviewPage {
    private final DiagnoseService service;
    private final KnowledgeBase kb;

    InterviewPage(DiagnoseService service) {
        this.service = service;
        this.kb = service.knowledgeBase();
    }

    void show(Call call) throws IOException {
        Consultation c = Consultation.fromQuery(kb, call.query());
        String asked = call.param("q");
        String hint = null;
        if (asked != null) {
            // An answer from the question's form: read it, then show the next question at its own address.
            Candidate candidate = Consultation.candidate(kb, kb.catalog().question(asked)
                    .orElseThrow(() -> HttpFailure.badRequest("no question '" + asked + "'")));
            Object[] value = new Object[1];
            hint = read(call, candidate, value);
            if (hint == null) {
                call.redirect("/interview?" + c.withAnswer(new Consultation.Given(candidate.question(), value[0])).query());
                return;
            }
        }
        Pages.checkSize(c);
        Interview interview = Guarded.call(() -> c.replay(service));
        Interview.Selection s = Guarded.call(interview::next);
        StringBuilder b = new StringBuilder();
        String host = interview.facts().id();
        if (s.finished()) {
            Diagnosis d = Guarded.call(interview::diagnosis);
            b.append("<div class=\"done\" id=\"complete\"><h1>Interview complete</h1>\n<p>").append(escape(s.endReason()))
                    .append(".</p>\n");
            if (s.firstStep() instanceof Action.Repair r) {
                b.append("<p><strong>Try step 1 now:</strong> ").append(escape(r.fix().title())).append(" (<code>")
                        .append(escape(r.fix().id())).append("</code>). If the failure persists, say so under that step ")
                        .append("below: the consultation continues with it recorded as tried.</p>\n");
            }
            b.append("</div>\n");
            Pages.exports(b, c);
            answersSoFar(b, c);
            b.append(HtmlReport.render(d, step -> "/interview?" + c.withTried(step.id()).query()));
            call.html(200, Pages.page("Report for " + host, b.toString()));
            return;
        }
        Candidate q = s.question();
        int number = c.answers().size() + 1;
        b.append("<p class=\"host\">Interview for <strong>").append(escape(host)).append("</strong></p>\n");
        b.append("<section class=\"question\" id=\"question\" data-question=\"").append(escape(q.question().id())).append("\">\n")
                .append("<h1>Q").append(number).append(". ").append(escape(q.question().prompt())).append("</h1>\n");
        if (q.question().note() != null) {
            b.append("<p class=\"note\">").append(escape(q.question().note())).append("</p>\n");
        }
        if (hint != null) {
            b.append("<p class=\"hint\" role=\"alert\">").append(escape(hint)).append(".</p>\n");
        }
        b.append("<form method=\"get\" action=\"/interview\" class=\"answer\">\n").append(stateFields(c))
                .append("<input type=\"hidden\" name=\"q\" value=\"").append(escape(q.question().id())).append("\">\n");
        List<Option> options = q.options();
        if (options.isEmpty()) {
            b.append("<label>Answer <input name=\"v\" id=\"answer-text\" autocomplete=\"off\" autofocus></label>\n");
        } else {
            b.append("<fieldset><legend>").append(q.multiple() ? "Every one that applies" : "Choose one").append("</legend>\n");
            for (int i = 0; i < options.size(); i++) {
                Option o = options.get(i);
                b.append("<label class=\"choice\"><input type=\"").append(q.multiple() ? "checkbox" : "radio")
                        .append("\" name=\"c\" id=\"choice-").append(i + 1).append("\" value=\"").append(escape(AnswerValues.write(o.value())))
                        .append("\"> ").append(escape(o.label())).append("</label>\n");
            }
            b.append("</fieldset>\n");
        }
        b.append("<div class=\"buttons\"><button type=\"submit\" id=\"submit-answer\">Answer</button> ")
                .append("<button type=\"submit\" name=\"u\" value=\"1\" id=\"unknown\">Unknown</button>");
        if (!c.answers().isEmpty()) {
            b.append(" <a class=\"button\" id=\"back\" href=\"/interview?").append(HtmlReport.attribute(c.back().query()))
                    .append("\">Back</a>");
        }
        b.append("</div>\n</form>\n");
        if (q.check() != null) {
            b.append("<section class=\"how-to\"><h2>How to find out (on ").append(escape(q.check().runsOn().word()))
                    .append(")</h2>\n");
            q.check().steps().forEach(x -> b.append("<p>").append(escape(x)).append("</p>\n"));
            if (!q.check().commands().isEmpty()) {
                b.append("<pre class=\"commands\"><code>");
                q.check().commands().forEach(x -> b.append(HtmlReport.attribute(x)).append('\n'));
                b.append("</code></pre>\n");
            }
            b.append("</section>\n");
        }
        why(b, q.value());
        how(b, s.ranking());
        b.append("</section>\n");
        leading(b, s.ranking());
        answersSoFar(b, c);
        b.append("<p class=\"small\"><a href=\"/report?").append(HtmlReport.attribute(c.query()))
                .append("\">Stop here and see the report as things stand</a></p>\n");
        call.html(hint == null ? 200 : 400, Pages.page("Q" + number + " " + q.question().prompt(), b.toString()));
    }

    /** Reads the answer of a question's form into {@code value[0]}; returns a hint when it cannot. */
    private static String read(Call call, Candidate c, Object[] value) {
        if ("1".equals(call.param("u"))) {
            value[0] = null;
            return null;
        }
        List<String> chosen = call.query().getOrDefault("c", List.of());
        try {
            if (c.multiple() && call.param("v") == null) {
                value[0] = AnswerValues.read(String.join(",", chosen), c.field(), c.options());
                return null;
            }
            if (!chosen.isEmpty()) {
                value[0] = AnswerValues.read(chosen.get(0), c.field(), c.options());
                return null;
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        String typed = call.param("v");
        if (typed == null) {
            return "choose an answer, or press Unknown if it cannot be found out";
        }
        AnswerParser.Parsed parsed = AnswerParser.parse(typed, c);
        if (!parsed.ok()) {
            return parsed.hint();
        }
        value[0] = parsed.value();
        return null;
    }

    private void why(StringBuilder b, Action.Observe o) {
        b.append("<details class=\"why\" id=\"why\"><summary>Why this question?</summary>\n");
        if (o == null) {
            b.append("<p>Asked first, before any reasoning: it can be read off the screen, and the diagnosis starts by "
                    + "decoding it.</p>\n");
        } else {
            b.append("<p>Its answer is expected to save ").append(minutes(o.saving()))
                    .append(" of troubleshooting (the expected cost of reaching the fix that works) for ")
                    .append(minutes(o.cost().total())).append(" of finding it out.");
            if (o.rootOf() != null) {
                b.append(" It decides whether another cause brought about <code>").append(escape(o.rootOf()))
                        .append("</code>, before that is repaired.");
            }
            if (o.opens() != null) {
                b.append(" Some answers open the follow-up &quot;").append(escape(o.opens().prompt().strip())).append("&quot;.");
            }
            b.append("</p>\n<table><thead><tr><th>If the answer is</th><th>Odds</th><th>Chance of being the fault</th>")
                    .append("<th>Then to the fix</th></tr></thead>\n<tbody>\n");
            for (Outcome outcome : o.outcomes()) {
                String moved = outcome.moved().isEmpty() ? "changes little" : outcome.moved().stream().limit(4)
                        .map(m -> escape(m.cause()) + " " + HtmlReport.pct(m.before()) + " &rarr; " + HtmlReport.pct(m.after()))
                        .collect(Collectors.joining("<br>"));
                b.append("<tr><td>").append(escape(outcome.answer().label())).append("</td><td>")
                        .append(HtmlReport.pct(outcome.probability())).append("</td><td>").append(moved).append("</td><td>about ")
                        .append(minutes(outcome.expectedCost())).append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("</details>\n");
    }

    private void how(StringBuilder b, List<CauseAssessment> ranking) {
        b.append("<details class=\"how\" id=\"how\"><summary>How does the ranking stand?</summary>\n<ol>\n");
        ranking.stream().filter(a -> a.status() != Status.RULED_OUT).limit(6).forEach(a -> {
            b.append("<li>").append(HtmlReport.badge(a.status())).append(' ').append(HtmlReport.pct(a.confidence()))
                    .append(" <code>").append(escape(a.cause().id())).append("</code>");
            List<EvidenceItem> items = Stream.concat(a.support().stream(), a.against().stream()).toList();
            if (!items.isEmpty()) {
                b.append("<ul>");
                items.forEach(i -> b.append("<li>").append(i.weight().certainty() > 0 ? "+ " : "&minus; ")
                        .append(escape(i.weight().word())).append(' ')
                        .append(i.facts().stream().map(HtmlReport::fact).collect(Collectors.joining(", ")))
                        .append(" <small>(rule &quot;").append(escape(i.rule())).append("&quot;)</small></li>"));
                b.append("</ul>");
            }
            b.append("</li>\n");
        });
        long out = ranking.stream().filter(a -> a.status() == Status.RULED_OUT).count();
        b.append("</ol>\n<p>").append(out).append(" cause(s) ruled out.</p>\n</details>\n");
    }

    private static void leading(StringBuilder b, List<CauseAssessment> ranking) {
        b.append("<aside class=\"leading\" id=\"leading\"><h2>Leading causes now</h2>\n<ol>\n");
        ranking.stream().filter(a -> a.status() != Status.RULED_OUT).limit(3).forEach(a -> b.append("<li>")
                .append(HtmlReport.badge(a.status())).append(' ').append(HtmlReport.pct(a.confidence())).append(" <code>")
                .append(escape(a.cause().id())).append("</code> ").append(escape(a.cause().title())).append("</li>\n"));
        b.append("</ol>\n</aside>\n");
    }

    void answersSoFar(StringBuilder b, Consultation c) {
        if (c.answers().isEmpty() && c.tried().isEmpty()) {
            return;
        }
        b.append("<details class=\"answers\" id=\"answers\"><summary>Answers so far (").append(c.answers().size())
                .append(")</summary>\n<ol>\n");
        for (Consultation.Given g : c.answers()) {
            b.append("<li>").append(escape(g.question().prompt())).append(" <strong>")
                    .append(escape(g.value() == null ? "unknown" : label(g))).append("</strong></li>\n");
        }
        b.append("</ol>\n");
        if (!c.tried().isEmpty()) {
            b.append("<p>Tried without success: ").append(c.tried().stream().map(t -> "<code>" + escape(t) + "</code>")
                    .collect(Collectors.joining(", "))).append("</p>\n");
        }
        b.append("</details>\n");
    }

    private String label(Consultation.Given g) {
        Candidate c = Consultation.candidate(kb, g.question());
        return c.options().stream().filter(o -> o.value().equals(g.value())).map(Option::label).findFirst()
                .orElse(AnswerValues.write(g.value()));
    }

    private static String stateFields(Consultation c) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, List<String>> e : Call.parseForm(c.query()).entrySet()) {
            for (String v : e.getValue()) {
                b.append("<input type=\"hidden\" name=\"").append(escape(e.getKey())).append("\" value=\"")
                        .append(HtmlReport.attribute(v))
                        .append("\">\n");
            }
        }
        return b.toString();
    }

    private static String minutes(double m) {
        return m >= 1 ? Math.round(m) + " min" : "under a minute";
    }
}
