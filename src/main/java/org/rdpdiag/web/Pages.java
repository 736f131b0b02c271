package org.rdpdiag.web;

import static org.rdpdiag.report.HtmlReport.escape;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.rdpdiag.batch.BatchService;
import org.rdpdiag.batch.InputFormat;
import org.rdpdiag.collected.EvidenceReader;
import org.rdpdiag.collected.Importer;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.EvidenceItem;
import org.rdpdiag.engine.Guarded;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.interview.AnswerParser;
import org.rdpdiag.interview.Candidate;
import org.rdpdiag.interview.Interview;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.report.FleetReport;
import org.rdpdiag.report.HtmlReport;
import org.rdpdiag.report.MarkdownReport;
import org.rdpdiag.report.ReportOptions;
import org.rdpdiag.strategy.Action;
import org.rdpdiag.strategy.Option;
import org.rdpdiag.strategy.Outcome;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The web pages: start, interview, report, fleet. Every value shown goes through one escape;
 * the interview's state travels in the page's address ({@link Consultation#query()}), so the
 * back button and a reload show the same question with the same answers. Forms that send files
 * are posted with a CSRF token; everything else is a plain link or a GET form.
 */
final class Pages {
    /** The longest facts document a page carries in its address; larger ones go through the API. */
    static final int MAX_PAGE_FACTS = 48 * 1024;

    private final DiagnoseService service;
    private final KnowledgeBase kb;
    private final WebServer.Settings settings;
    private final Csrf csrf = new Csrf();

    Pages(DiagnoseService service, WebServer.Settings settings) {
        this.service = service;
        this.kb = service.knowledgeBase();
        this.settings = settings;
    }

    void handle(Call call) throws IOException {
        String path = call.path();
        boolean get = call.method().equals("GET") || call.method().equals("HEAD");
        switch (path) {
            case "/" -> {
                requireGet(get);
                start(call);
            }
            case "/interview" -> {
                requireGet(get);
                interview(call);
            }
            case "/report" -> {
                requireGet(get);
                report(call);
            }
            case "/export.md" -> {
                requireGet(get);
                Consultation c = Consultation.fromQuery(kb, call.query());
                Diagnosis d = Guarded.call(() -> c.diagnose(service));
                call.download("text/markdown; charset=utf-8", fileName(d) + ".md", MarkdownReport.render(d,
                        new ReportOptions(false, false, null)));
            }
            case "/export.yaml" -> {
                requireGet(get);
                Consultation c = Consultation.fromQuery(kb, call.query());
                var facts = c.answers().isEmpty() ? c.start(service) : Guarded.call(() -> c.replay(service).facts());
                call.download("application/yaml; charset=utf-8", fileName(facts.id()) + ".yaml", factsYaml(facts));
            }
            case "/facts" -> {
                requirePost(call);
                facts(call);
            }
            case "/evidence" -> {
                requirePost(call);
                evidence(call);
            }
            case "/fleet" -> {
                if (get) {
                    fleetForm(call);
                } else {
                    requirePost(call);
                    fleet(call);
                }
            }
            default -> throw HttpFailure.of(404, "no page " + path);
        }
    }

    private static void requireGet(boolean get) {
        if (!get) {
            throw HttpFailure.methodNotAllowed("GET");
        }
    }

    private static void requirePost(Call call) {
        if (!call.method().equals("POST")) {
            throw HttpFailure.methodNotAllowed("POST");
        }
    }

    // --- start --------------------------------------------------------------------------

    private void start(Call call) throws IOException {
        String token = csrf.tokenFor(call);
        StringBuilder b = new StringBuilder();
        b.append("<h1>Remote Desktop error 0x904 / extended 0x7</h1>\n")
                .append("<p>Find the cause and the fix, one question at a time, or from what is already known.</p>\n")
                .append("<section class=\"card\" id=\"start-interview\">\n<h2>Start an interview</h2>\n")
                .append("<form method=\"get\" action=\"/interview\">\n<label>Host name (optional) <input name=\"id\" ")
                .append("maxlength=\"").append(Consultation.MAX_ID).append("\" autocomplete=\"off\"></label>\n")
                .append("<button type=\"submit\" id=\"begin\">Start the interview</button>\n</form>\n</section>\n");
        b.append("<section class=\"card\" id=\"facts\">\n<h2>Diagnose a facts file</h2>\n")
                .append("<p>Paste a facts file (YAML or JSON, see <code>docs/facts.md</code>) or choose one.</p>\n")
                .append("<form method=\"post\" action=\"/facts\" enctype=\"multipart/form-data\">\n")
                .append(csrf.field(token))
                .append("<textarea name=\"text\" rows=\"8\" spellcheck=\"false\" placeholder=\"error: {mainCode: &quot;0x904&quot;, ")
                .append("extendedCode: &quot;0x7&quot;}\"></textarea>\n<label>or a file <input type=\"file\" name=\"file\" ")
                .append("accept=\".yaml,.yml,.json\"></label>\n<div class=\"buttons\"><button type=\"submit\" name=\"then\" ")
                .append("value=\"report\">Diagnose</button> <button type=\"submit\" name=\"then\" value=\"interview\">Interview ")
                .append("from these facts</button></div>\n</form>\n</section>\n");
        b.append("<section class=\"card\" id=\"evidence\">\n<h2>Collector evidence</h2>\n")
                .append("<p>The files written by <code>collect/rdpdiag-host.ps1</code> and <code>collect/rdpdiag-client.ps1</code>: ")
                .append("the interview then asks only what a machine cannot read.</p>\n")
                .append("<form method=\"post\" action=\"/evidence\" enctype=\"multipart/form-data\">\n").append(csrf.field(token))
                .append("<label>Host evidence <input type=\"file\" name=\"host\" accept=\".json\"></label>\n")
                .append("<label>Client evidence <input type=\"file\" name=\"client\" accept=\".json\"></label>\n")
                .append("<button type=\"submit\">Import and interview</button>\n</form>\n</section>\n");
        b.append("<section class=\"card\" id=\"fleet\">\n<h2>A whole fleet</h2>\n");
        fleetFormBody(b, token);
        b.append("</section>\n");
        call.html(200, page("rdpdiag", b.toString()));
    }

    // --- interview ------------------------------------------------------------------------

    private void interview(Call call) throws IOException {
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
        checkSize(c);
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
            exports(b, c);
            answersSoFar(b, c);
            b.append(HtmlReport.render(d, step -> "/interview?" + c.withTried(step.id()).query()));
            call.html(200, page("Report for " + host, b.toString()));
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
        call.html(hint == null ? 200 : 400, page("Q" + number + " " + q.question().prompt(), b.toString()));
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

    private void answersSoFar(StringBuilder b, Consultation c) {
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

    // --- report and exports ---------------------------------------------------------------

    private void report(Call call) throws IOException {
        Consultation c = Consultation.fromQuery(kb, call.query());
        checkSize(c);
        Diagnosis d = Guarded.call(() -> c.diagnose(service));
        StringBuilder b = new StringBuilder();
        exports(b, c);
        b.append("<p><a class=\"button\" href=\"/interview?").append(HtmlReport.attribute(c.query()))
                .append("\">Continue with an interview</a></p>\n");
        answersSoFar(b, c);
        b.append(HtmlReport.render(d, step -> "/interview?" + c.withTried(step.id()).query()));
        call.html(200, page("Report for " + d.facts().id(), b.toString()));
    }

    private static void exports(StringBuilder b, Consultation c) {
        String q = HtmlReport.attribute(c.query());
        b.append("<nav class=\"exports\" id=\"exports\">Export: <a id=\"export-md\" href=\"/export.md?").append(q)
                .append("\" download>Markdown for a ticket</a> &middot; <a id=\"export-facts\" href=\"/export.yaml?").append(q)
                .append("\" download>facts file</a> &middot; <a href=\"/report?").append(q).append("\">this report&#39;s address</a></nav>\n");
    }

    private static String fileName(Diagnosis d) {
        return fileName(d.facts().id());
    }

    /** A host id as a file name: letters, digits, dots and dashes only. */
    private static String fileName(String id) {
        String s = id == null ? "" : id.replaceAll("[^A-Za-z0-9.-]", "_");
        s = s.substring(0, Math.min(60, s.length()));
        return "rdpdiag-" + (s.isEmpty() ? "host" : s);
    }

    static String factsYaml(org.rdpdiag.facts.HostFacts facts) {
        String yaml = YAMLMapper.builder().build().writeValueAsString(FactValues.nested(facts));
        return "# Facts of an rdpdiag consultation: what was observed and answered, and what was tried.\n"
                + (yaml.startsWith("---\n") ? yaml.substring(4) : yaml);
    }

    private static void checkSize(Consultation c) {
        if (c.factsText() != null && c.factsText().length() > MAX_PAGE_FACTS) {
            throw HttpFailure.of(413, "facts documents over " + MAX_PAGE_FACTS / 1024 + " KB are too large for a page; "
                    + "send them to POST /api/v1/diagnose");
        }
    }

    // --- forms that send files ------------------------------------------------------------

    private Multipart form(Call call, int limit) throws IOException {
        if (!call.mediaType().equals("multipart/form-data") && !call.mediaType().equals("application/x-www-form-urlencoded")) {
            throw HttpFailure.of(415, "this form is sent as multipart/form-data");
        }
        byte[] body = call.body(limit);
        Multipart form = call.mediaType().equals("multipart/form-data") ? Multipart.parse(call.header("Content-Type"), body)
                : Multipart.ofUrlEncoded(body);
        csrf.check(call, form.text("csrf"));
        return form;
    }

    private void facts(Call call) throws IOException {
        Multipart form = form(call, settings.maxBody());
        Multipart.Part file = form.part("file");
        String text = file != null && file.bytes().length > 0 ? Api.utf8(file.bytes()) : form.text("text");
        if (text == null || text.isBlank()) {
            throw HttpFailure.badRequest("paste a facts file or choose one");
        }
        if (text.length() > MAX_PAGE_FACTS) {
            throw HttpFailure.of(413, "facts documents over " + MAX_PAGE_FACTS / 1024 + " KB are too large for a page; "
                    + "send them to POST /api/v1/diagnose");
        }
        String name = file != null && file.fileName() != null && !file.fileName().isBlank() ? file.fileName() : "facts";
        FactsReader.read(text, name, null, kb.vocabulary()); // located problems now, not on the next page
        Consultation c = new Consultation(text, null, List.of(), List.of());
        call.redirect(("interview".equals(form.text("then")) ? "/interview?" : "/report?") + c.query());
    }

    private void evidence(Call call) throws IOException {
        Multipart form = form(call, settings.maxBatchBody());
        List<EvidenceReader.Read> reads = new ArrayList<>();
        for (String side : List.of("host", "client")) {
            Multipart.Part p = form.part(side);
            if (p != null && p.bytes().length > 0) {
                reads.add(EvidenceReader.read(Api.utf8(p.bytes()), p.fileName() == null ? side + ".json" : p.fileName()));
            }
        }
        if (reads.isEmpty()) {
            throw HttpFailure.badRequest("choose a host evidence file, a client evidence file or both");
        }
        Importer.Imported imported = Importer.of(reads, kb.vocabulary(), Importer.idOf(reads, "imported"));
        String text = JsonMapper.builder().build().writeValueAsString(FactValues.nested(imported.facts()));
        call.redirect("/interview?" + new Consultation(text, null, List.of(), List.of()).query());
    }

    private void fleetForm(Call call) throws IOException {
        StringBuilder b = new StringBuilder("<h1>A whole fleet</h1>\n");
        fleetFormBody(b, csrf.tokenFor(call));
        call.html(200, page("Fleet report", b.toString()));
    }

    private void fleetFormBody(StringBuilder b, String token) {
        b.append("<p>An export of many hosts: JSON Lines, multi-document YAML or CSV (see <code>docs/batch.md</code>), up to ")
                .append(settings.maxBatchBody() / (1024 * 1024)).append(" MB.</p>\n")
                .append("<form method=\"post\" action=\"/fleet\" enctype=\"multipart/form-data\">\n").append(csrf.field(token))
                .append("<label>Export <input type=\"file\" name=\"file\" accept=\".jsonl,.ndjson,.yaml,.yml,.csv,.tsv\"></label>\n")
                .append("<button type=\"submit\">Fleet report</button>\n</form>\n");
    }

    private void fleet(Call call) throws IOException {
        Multipart form = form(call, settings.maxBatchBody());
        Multipart.Part file = form.part("file");
        if (file == null || file.bytes().length == 0) {
            throw HttpFailure.badRequest("choose an export file");
        }
        String name = file.fileName() == null ? "" : file.fileName().toLowerCase(Locale.ROOT);
        InputFormat format = name.endsWith(".jsonl") || name.endsWith(".ndjson") ? InputFormat.JSONL
                : name.endsWith(".yaml") || name.endsWith(".yml") ? InputFormat.YAML
                : name.endsWith(".csv") || name.endsWith(".tsv") ? InputFormat.CSV : InputFormat.AUTO;
        Path dir = Files.createTempDirectory("rdpdiag-fleet-");
        try {
            Path report = dir.resolve("fleet.html");
            Api.runBatch(new BatchService(service, FleetReport.HTML), format, new ByteArrayInputStream(file.bytes()), null,
                    dir.resolve("results.jsonl"), report);
            String html = Files.readString(report, StandardCharsets.UTF_8);
            // The fleet report is one self-contained page with its style inline and no script: that one
            // style block is allowed by its hash, nothing else.
            call.send(200, "text/html; charset=utf-8", "default-src 'none'; style-src '" + styleHash(html)
                    + "'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
                    html.getBytes(StandardCharsets.UTF_8));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static String styleHash(String html) {
        int open = html.indexOf("<style>");
        int close = html.indexOf("</style>");
        String style = open < 0 || close < open ? "" : html.substring(open + "<style>".length(), close);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(style.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    // --- frame ----------------------------------------------------------------------------

    String errorPage(HttpFailure f) {
        StringBuilder b = new StringBuilder("<h1>").append(f.status() == 404 ? "Not found" : f.status() >= 500 ? "Something went wrong"
                : "This cannot be done as asked").append("</h1>\n<ul class=\"errors\" id=\"errors\">\n");
        for (HttpFailure.Problem p : f.problems()) {
            b.append("<li>").append(p.line() > 0 ? p.line() + ":" + p.column() + ": " : "").append(escape(p.message()))
                    .append("</li>\n");
        }
        b.append("</ul>\n<p><a href=\"/\">Start page</a></p>\n");
        return page("rdpdiag: error " + f.status(), b.toString());
    }

    private static String page(String title, String body) {
        return HtmlReport.pageStart(title, "/static/app.css", "/static/app.js")
                + "<header class=\"top\"><a href=\"/\" class=\"brand\">rdpdiag</a> <nav><a href=\"/interview\">Interview</a> "
                + "<a href=\"/#facts\">Facts file</a> <a href=\"/fleet\">Fleet</a></nav></header>\n<main>\n" + body
                + "</main>\n" + HtmlReport.pageEnd();
    }
}
