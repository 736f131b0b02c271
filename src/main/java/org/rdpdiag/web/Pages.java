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
import java.util.stream.Stream;
import org.rdpdiag.batch.BatchService;
import org.rdpdiag.batch.InputFormat;
import org.rdpdiag.collected.EvidenceReader;
import org.rdpdiag.collected.Importer;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.Guarded;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.interview.Interview;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.report.FleetReport;
import org.rdpdiag.report.HtmlReport;
import org.rdpdiag.report.MarkdownReport;
import org.rdpdiag.report.ReportOptions;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The web pages: start, report, fleet and the forms that send files; the interview is {@link
 * InterviewPage}. Every value shown goes through one escape;
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
    private final InterviewPage interview;

    Pages(DiagnoseService service, WebServer.Settings settings) {
        this.service = service;
        this.kb = service.knowledgeBase();
        this.settings = settings;
        this.interview = new InterviewPage(service);
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
                interview.show(call);
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

    // --- report and exports ---------------------------------------------------------------

    private void report(Call call) throws IOException {
        Consultation c = Consultation.fromQuery(kb, call.query());
        checkSize(c);
        Diagnosis d = Guarded.call(() -> c.diagnose(service));
        StringBuilder b = new StringBuilder();
        exports(b, c);
        b.append("<p><a class=\"button\" href=\"/interview?").append(HtmlReport.attribute(c.query()))
                .append("\">Continue with an interview</a></p>\n");
        interview.answersSoFar(b, c);
        b.append(HtmlReport.render(d, step -> "/interview?" + c.withTried(step.id()).query()));
        call.html(200, page("Report for " + d.facts().id(), b.toString()));
    }

    static void exports(StringBuilder b, Consultation c) {
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

    static void checkSize(Consultation c) {
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

    static String page(String title, String body) {
        return HtmlReport.pageStart(title, "/static/app.css", "/static/app.js")
                + "<header class=\"top\"><a href=\"/\" class=\"brand\">rdpdiag</a> <nav><a href=\"/interview\">Interview</a> "
                + "<a href=\"/#facts\">Facts file</a> <a href=\"/fleet\">Fleet</a></nav></header>\n<main>\n" + body
                + "</main>\n" + HtmlReport.pageEnd();
    }
}
