package org.rdpdiag.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rdpdiag.batch.BatchService;
import org.rdpdiag.batch.InputFormat;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Guarded;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsProblem;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.Located;
import org.rdpdiag.interview.Candidate;
import org.rdpdiag.interview.Interview;
import org.rdpdiag.knowledge.Catalog;
import org.rdpdiag.knowledge.ErrorCode;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.report.ReportModel;
import org.rdpdiag.report.ReportOptions;
import org.rdpdiag.strategy.Action;
import org.rdpdiag.strategy.Option;
import org.rdpdiag.strategy.Outcome;
import org.rdpdiag.report.JsonReport;
import tools.jackson.databind.ObjectMapper;

/**
 * The REST API under {@code /api/v1}, as described by {@code openapi.json} beside this class.
 * Every answer is JSON (or JSON Lines for a batch); every refusal is {@code {"errors": [...]}}.
 */
final class Api {
    static final String PREFIX = "/api/v1";
    private static final ObjectMapper JSON = org.rdpdiag.text.InertJson.mapper().build();

    private final DiagnoseService service;
    private final KnowledgeBase kb;
    private final WebServer.Settings settings;
    private final String openApi;
    private final String catalog;

    Api(DiagnoseService service, WebServer.Settings settings) {
        this.service = service;
        this.kb = service.knowledgeBase();
        this.settings = settings;
        this.openApi = Resources.text("openapi.json");
        this.catalog = JSON.writeValueAsString(catalog(kb));
    }

    void handle(Call call) throws IOException {
        String path = call.path().substring(PREFIX.length());
        switch (path) {
            case "/openapi.json" -> {
                requireMethod(call, "GET");
                call.json(200, openApi);
            }
            case "/diagnose" -> {
                requireMethod(call, "POST");
                diagnose(call);
            }
            case "/interview" -> {
                requireMethod(call, "POST");
                interview(call);
            }
            case "/catalog" -> {
                requireMethod(call, "GET");
                call.json(200, catalog);
            }
            case "/batch" -> {
                requireMethod(call, "POST");
                batch(call);
            }
            default -> {
                if (path.startsWith("/codes/") && path.length() > "/codes/".length()) {
                    requireMethod(call, "GET");
                    code(call, path.substring("/codes/".length()));
                } else {
                    throw HttpFailure.of(404, "no such resource: " + call.path() + " (see " + PREFIX + "/openapi.json)");
                }
            }
        }
    }

    private static void requireMethod(Call call, String method) {
        boolean ok = call.method().equals(method) || (method.equals("GET") && call.method().equals("HEAD"));
        if (!ok) {
            throw HttpFailure.methodNotAllowed(method);
        }
    }

    // --- POST /diagnose --------------------------------------------------------------------

    private void diagnose(Call call) throws IOException {
        FactsReader.Format format = switch (call.mediaType()) {
            case "application/json" -> FactsReader.Format.JSON;
            case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml" -> FactsReader.Format.YAML;
            default -> throw HttpFailure.of(415, "send the facts as application/json or application/yaml, not "
                    + (call.mediaType().isEmpty() ? "without a Content-Type" : call.mediaType()));
        };
        String text = utf8(call.body(settings.maxBody()));
        var facts = FactsReader.read(text, "request", format, kb.vocabulary());
        String source = call.param("source");
        boolean explain = "true".equals(call.param("explain"));
        Diagnosis d = Guarded.call(() -> service.diagnose(facts));
        call.json(200, JsonReport.render(d, new ReportOptions(explain, false, source)));
    }

    // --- POST /interview -------------------------------------------------------------------

    private void interview(Call call) throws IOException {
        if (!call.mediaType().equals("application/json")) {
            throw HttpFailure.of(415, "send the interview as application/json");
        }
        String text = utf8(call.body(settings.maxBody()));
        Consultation c = readInterview(text);
        Interview interview = Guarded.call(() -> c.replay(service));
        Interview.Selection s = Guarded.call(interview::next);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("done", s.finished());
        out.put("answered", c.answers().size());
        out.put("ranking", ranking(s.ranking()));
        if (s.finished()) {
            out.put("endReason", s.endReason());
            out.put("firstStep", firstStep(s.firstStep()));
            Diagnosis d = Guarded.call(interview::diagnosis);
            out.put("report", ReportModel.of(d, new ReportOptions(false, false, null)));
        } else {
            out.put("question", question(s.question()));
        }
        call.json(200, JSON.writeValueAsString(out));
    }

    /** The request body of {@code POST /interview}, every problem located in it. */
    Consultation readInterview(String text) {
        Located root = FactsReader.readJsonTree(text, "request");
        if (root == null) {
            return new Consultation(null, null, List.of(), List.of());
        }
        if (!(root instanceof Located.Mapping m)) {
            throw located(root.pos(), "expected an object with answers (and optionally id, facts, tried)");
        }
        String id = null;
        String facts = null;
        List<Consultation.Given> answers = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        for (Located.Entry e : m.entries()) {
            switch (e.key()) {
                case "id" -> id = string(e.value(), "id");
                case "facts" -> facts = factsText(text, e.value());
                case "answers" -> answers = answers(e.value());
                case "tried" -> {
                    for (Located item : items(e.value(), "tried")) {
                        String step = string(item, "a tried step");
                        if (kb.catalog().fix(step).isEmpty()) {
                            throw located(item.pos(), "no fix '" + step + "' to record as tried");
                        }
                        tried.add(step);
                    }
                }
                default -> throw located(e.keyPos(), "unknown key '" + e.key() + "': expected id, facts, answers or tried");
            }
        }
        if (id != null && id.length() > Consultation.MAX_ID) {
            throw HttpFailure.badRequest("id is longer than " + Consultation.MAX_ID + " characters");
        }
        return new Consultation(facts, facts == null ? id : null, answers, tried);
    }

    private List<Consultation.Given> answers(Located value) {
        List<Consultation.Given> out = new ArrayList<>();
        for (Located item : items(value, "answers")) {
            if (!(item instanceof Located.Mapping a)) {
                throw located(item.pos(), "an answer is an object: {\"question\": id, \"value\": value or null}");
            }
            String question = null;
            Located answer = null;
            for (Located.Entry e : a.entries()) {
                switch (e.key()) {
                    case "question" -> question = string(e.value(), "question");
                    case "value" -> answer = e.value();
                    default -> throw located(e.keyPos(), "unknown key '" + e.key() + "' in an answer: expected question and value");
                }
            }
            if (question == null) {
                throw located(a.pos(), "the answer has no question");
            }
            try {
                out.add(Consultation.given(kb, question, written(answer)));
            } catch (IllegalArgumentException ex) {
                throw located(answer == null ? a.pos() : answer.pos(), ex.getMessage());
            }
        }
        return out;
    }

    /** A JSON value as {@link AnswerValues} reads it; null for unknown (null, absent or "unknown"). */
    private String written(Located value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Located.Scalar s) {
            return s.value() == null ? null : String.valueOf(s.value());
        }
        if (value instanceof Located.Sequence seq) {
            List<String> parts = new ArrayList<>();
            for (Located item : seq.items()) {
                if (!(item instanceof Located.Scalar s) || s.value() == null) {
                    throw located(item.pos(), "a list answer holds numbers only");
                }
                parts.add(String.valueOf(s.value()));
            }
            return String.join(",", parts);
        }
        throw located(value.pos(), "an answer's value is a string, number, true/false, a list of numbers or null");
    }

    /**
     * The facts of an interview request: a string holding a facts document, or an object that is
     * one. An object is cut out of the request with everything else blanked, so that the facts
     * reader's positions are positions in the request.
     */
    private static String factsText(String request, Located value) {
        if (value instanceof Located.Scalar s && s.value() instanceof String text) {
            return text;
        }
        if (!(value instanceof Located.Mapping)) {
            throw located(value.pos(), "facts is an object (a facts document) or a string holding one");
        }
        int start = offset(request, value.pos());
        int end = JsonSpan.end(request, start);
        StringBuilder out = new StringBuilder(request.length());
        for (int i = 0; i < request.length(); i++) {
            char c = request.charAt(i);
            out.append(i >= start && i < end || c == '\n' || c == '\r' ? c : ' ');
        }
        return out.toString();
    }

    private static int offset(String text, Located.Pos pos) {
        int line = 1;
        int i = 0;
        while (line < pos.line() && i < text.length()) {
            if (text.charAt(i++) == '\n') {
                line++;
            }
        }
        return Math.min(text.length(), i + pos.column() - 1);
    }

    private static List<Located> items(Located value, String what) {
        if (!(value instanceof Located.Sequence s)) {
            throw located(value.pos(), what + " is a list");
        }
        return s.items();
    }

    private static String string(Located value, String what) {
        if (value instanceof Located.Scalar s && s.value() instanceof String text) {
            return text;
        }
        throw located(value.pos(), what + " is a string");
    }

    private static HttpFailure located(Located.Pos pos, String message) {
        return new HttpFailure(400, List.of(new HttpFailure.Problem(pos.line(), pos.column(), message)), List.of());
    }

    static List<Map<String, Object>> ranking(List<CauseAssessment> ranking) {
        return ranking.stream().filter(a -> a.status() != Status.RULED_OUT).limit(5).map(a -> object("cause", a.cause().id(),
                "title", a.cause().title(), "status", a.status().word(), "confidence", Math.round(a.confidence() * 100) / 100.0))
                .toList();
    }

    static Map<String, Object> question(Candidate c) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("id", c.question().id());
        q.put("fact", c.question().fact());
        q.put("prompt", c.question().prompt());
        q.put("note", c.question().note());
        q.put("kind", c.field().kind());
        q.put("multiple", c.multiple());
        q.put("options", c.options().stream().map(o -> object("value", o.value(), "label", o.label())).toList());
        if (c.check() == null) {
            q.put("howToFindOut", null);
        } else {
            Map<String, Object> how = new LinkedHashMap<>();
            how.put("check", c.check().id());
            how.put("runsOn", c.check().runsOn().word());
            how.put("steps", c.check().steps());
            how.put("commands", c.check().commands());
            q.put("howToFindOut", how);
        }
        q.put("why", why(c.value()));
        return q;
    }

    private static Map<String, Object> why(Action.Observe o) {
        Map<String, Object> why = new LinkedHashMap<>();
        why.put("askedFirst", o == null);
        why.put("savingMinutes", o == null ? null : Math.round(o.saving()));
        why.put("costMinutes", o == null ? null : Math.round(o.cost().total()));
        why.put("opens", o == null || o.opens() == null ? null : o.opens().id());
        why.put("rootOf", o == null ? null : o.rootOf());
        List<Map<String, Object>> outcomes = new ArrayList<>();
        if (o != null) {
            for (Outcome outcome : o.outcomes()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("answer", outcome.answer().label());
                m.put("value", outcome.answer().value());
                m.put("probability", Math.round(outcome.probability() * 100) / 100.0);
                m.put("expectedMinutes", Math.round(outcome.expectedCost()));
                m.put("moves", outcome.moved().stream().map(s -> object("cause", s.cause(),
                        "before", Math.round(s.before() * 100) / 100.0, "after", Math.round(s.after() * 100) / 100.0)).toList());
                outcomes.add(m);
            }
        }
        why.put("outcomes", outcomes);
        return why;
    }

    static Map<String, Object> firstStep(Action a) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (a instanceof Action.Repair r) {
            m.put("kind", "fix");
            m.put("fix", r.fix().id());
            m.put("title", r.fix().title());
            m.put("chance", Math.round(r.chance() * 100) / 100.0);
        } else {
            m.put("kind", "escalate");
            m.put("fix", null);
            m.put("title", "Hand the case on with the evidence collected");
            m.put("chance", null);
        }
        return m;
    }

    // --- GET /catalog, /codes/{code} -------------------------------------------------------

    private static Map<String, Object> catalog(KnowledgeBase kb) {
        Catalog c = kb.catalog();
        return object("knowledgeBase", object("fingerprint", kb.fingerprint(), "origin", kb.origin(), "rules", kb.rules().size()),
                "causes", c.causes().stream().map(x -> object("id", x.id(), "title", x.title(), "family", x.family(),
                        "kind", x.kind(), "claimStatus", x.claimStatus().word(), "prior", x.prior(), "fixes", x.fixes(),
                        "sources", x.sources().stream().map(s -> s.cite()).toList())).toList(),
                "fixes", c.fixes().stream().map(x -> object("id", x.id(), "kind", x.kind(), "title", x.title(),
                        "runsOn", x.runsOn().word(), "invasiveness", x.invasiveness(), "reducesSecurity", x.reducesSecurity(),
                        "commands", x.commands())).toList(),
                "checks", c.checks().stream().map(x -> object("id", x.id(), "title", x.title(), "runsOn", x.runsOn().word(),
                        "cost", x.cost(), "decides", x.decides(), "commands", x.commands())).toList(),
                "questions", c.questions().stream().map(x -> object("id", x.id(), "fact", x.fact(), "prompt", x.prompt(),
                        "check", x.check())).toList());
    }

    /** A JSON object from alternating keys and values, in that order; values may be null. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private void code(Call call, String text) throws IOException {
        int value;
        try {
            value = (int) AnswerValues.read(text, new org.rdpdiag.facts.FactField("code", "code", List.of(), null, null, null,
                    null, List.of(), null, null), List.of());
        } catch (IllegalArgumentException e) {
            throw HttpFailure.badRequest("'" + text + "' is not a code: " + e.getMessage());
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String kind : List.of("main", "extended")) {
            Optional<ErrorCode> code = kb.catalog().code(kind, value);
            code.ifPresent(e -> entries.add(object("kind", e.kind(), "name", e.name(), "meaning", e.meaning(), "note", e.note())));
        }
        if (entries.isEmpty()) {
            throw HttpFailure.of(404, "the code table has no code " + text);
        }
        call.json(200, JSON.writeValueAsString(object("value", value, "hex",
                "0x" + Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT), "entries", entries)));
    }

    // --- POST /batch -----------------------------------------------------------------------

    private void batch(Call call) throws IOException {
        InputFormat format = switch (call.mediaType()) {
            case "application/x-ndjson", "application/jsonl", "application/jsonlines", "application/json-lines" -> InputFormat.JSONL;
            case "application/yaml", "application/x-yaml", "text/yaml" -> InputFormat.YAML;
            case "text/csv" -> InputFormat.CSV;
            default -> throw HttpFailure.of(415, "send the export as application/x-ndjson (JSON Lines), application/yaml "
                    + "(documents separated by ---) or text/csv");
        };
        byte[] body = call.body(settings.maxBatchBody());
        if (body.length == 0) {
            throw HttpFailure.badRequest("the export is empty");
        }
        OutputStream out = call.startStream(200, "application/x-ndjson; charset=utf-8");
        runBatch(new BatchService(service), format, new ByteArrayInputStream(body), out, null, null);
    }

    /** One batch run over a body: results to {@code stdout} or to {@code out}, with an optional fleet report. */
    static void runBatch(BatchService batch, InputFormat format, InputStream in, OutputStream stdout, java.nio.file.Path out,
            java.nio.file.Path report) throws IOException {
        try {
            batch.run(new BatchService.Request(List.of("-"), format, in, out, stdout, null, report, false, 1, 3),
                    org.rdpdiag.batch.BatchListener.NONE, new AtomicBoolean());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String utf8(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Problems of a facts document as the API reports them. */
    static List<HttpFailure.Problem> problems(FactsException e) {
        List<HttpFailure.Problem> out = new ArrayList<>();
        for (FactsProblem p : e.problems()) {
            out.add(new HttpFailure.Problem(p.line(), p.column(), p.message() + (p.suggestion() == null ? "" : " (" + p.suggestion() + ")")));
        }
        return out;
    }
}
