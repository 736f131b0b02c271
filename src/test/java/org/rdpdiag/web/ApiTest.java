package org.rdpdiag.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.interview.Replay;
import org.rdpdiag.report.ReportModel;
import org.rdpdiag.report.ReportOptions;
import org.rdpdiag.support.Cli;
import org.rdpdiag.support.Examples;
import org.rdpdiag.support.TestKnowledge;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Every endpoint of {@code /api/v1}, over HTTP, against the services it stands for. */
class ApiTest extends ServedTest {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final Path EXAMPLE = Path.of("facts/examples/expired-self-signed-cert.yaml");



    @Test
    void diagnoseAnswersWhatTheCommandPrintsForTheSameInput() throws Exception {
        String yaml = Files.readString(EXAMPLE);
        HttpResponse<String> r = web.post("/api/v1/diagnose?source=" + EXAMPLE, "application/yaml", yaml);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        Cli cli = Cli.run("diagnose", EXAMPLE.toString(), "--format", "json", "--rules", TestKnowledge.RULES.toString(), "--no-cache");
        assertEquals(0, cli.exit(), cli.err());
        assertEquals(cli.out(), r.body(), "byte for byte the JSON of diagnose --format json");
    }

    @Test
    void diagnoseReadsJsonAndAddsTheTraceWhenAsked() throws Exception {
        HostFacts facts = FactsReader.read(EXAMPLE);
        String json = JSON.writeValueAsString(org.rdpdiag.facts.FactValues.nested(facts));
        JsonNode plain = JSON.readTree(web.post("/api/v1/diagnose", "application/json", json).body());
        JsonNode traced = JSON.readTree(web.post("/api/v1/diagnose?explain=true", "application/json; charset=utf-8", json).body());
        assertEquals("rdp-certificate-invalid", plain.get("causes").get(0).get("id").asString());
        assertFalse(plain.has("trace"));
        assertTrue(traced.get("trace").size() > 0, "explain=true adds the rule trace");
        assertTrue(plain.get("host").get("source").isNull(), "no source named: null, as for standard input");
    }

    @Test
    void badFactsAreLocatedJsonErrors() throws Exception {
        HttpResponse<String> r = web.post("/api/v1/diagnose", "application/yaml",
                "error: {mainCode: \"0x904\"}\nhost:\n  nlaRequird: true\n  tls12ServerEnabled: \"yes\"\n");
        assertEquals(400, r.statusCode());
        JsonNode errors = JSON.readTree(r.body()).get("errors");
        assertEquals(2, errors.size(), r.body());
        assertEquals(3, errors.get(0).get("line").asInt());
        assertEquals(3, errors.get(0).get("column").asInt());
        assertTrue(errors.get(0).get("message").asString().contains("did you mean 'nlaRequired'"), r.body());
        assertEquals(4, errors.get(1).get("line").asInt());
        assertNoStackTrace(r);

        HttpResponse<String> broken = web.post("/api/v1/diagnose", "application/json", "{\"host\": {\"nlaRequired\": tru");
        assertEquals(400, broken.statusCode());
        assertEquals(1, JSON.readTree(broken.body()).get("errors").get(0).get("line").asInt());
        assertNoStackTrace(broken);
    }

    @Test
    void wrongTypeTooLargeWrongMethodAndUnknownPathsAreRefusedInJson() throws Exception {
        HttpResponse<String> type = web.post("/api/v1/diagnose", "text/plain", "error: {}");
        assertEquals(415, type.statusCode());
        assertEquals(415, web.post("/api/v1/diagnose", null, "error: {}").statusCode());
        HttpResponse<String> large = web.post("/api/v1/diagnose", "application/yaml", "#".repeat(TestServer.MAX_BODY + 1));
        assertEquals(413, large.statusCode());
        assertTrue(JSON.readTree(large.body()).get("errors").get(0).get("message").asString().contains("limit"));
        HttpResponse<String> method = web.get("/api/v1/diagnose");
        assertEquals(405, method.statusCode());
        assertEquals("POST", method.headers().firstValue("Allow").orElseThrow());
        assertEquals(405, web.post("/api/v1/catalog", "application/json", "{}").statusCode());
        String escape = web.raw("POST /api/v1/diagnose?source=%ZZ HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\n"
                + "Content-Length: 9\r\nConnection: close\r\n\r\nerror: {}");
        // An address the JDK's server cannot parse is refused by the server itself, before any handler.
        assertTrue(escape.startsWith("HTTP/1.1 400 ") && !escape.contains("\tat "), escape);
        String page = web.raw("GET /interview?a=%E0%A4 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(page.startsWith("HTTP/1.1 400 ") && page.contains("text/html"), "a bad escape in a form: " + page);
        HttpResponse<String> missing = web.get("/api/v1/nothing-here");
        assertEquals(404, missing.statusCode());
        for (HttpResponse<String> r : List.of(type, large, method, missing)) {
            assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(JSON.readTree(r.body()).get("errors").isArray());
            assertNoStackTrace(r);
        }
    }

    @Test
    void everyResponseCarriesTheSafetyHeadersAndNoCors() {
        HttpRequest.Builder preflight = HttpRequest.newBuilder(URI.create(web.base() + "/api/v1/diagnose"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST");
        List<HttpResponse<String>> all = List.of(web.get("/api/v1/catalog"), web.get("/"), web.get("/static/app.js"),
                web.get("/api/v1/nothing"), web.send(preflight), web.send(HttpRequest.newBuilder(
                        URI.create(web.base() + "/api/v1/catalog")).header("Origin", "http://evil.example")));
        for (HttpResponse<String> r : all) {
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), r.uri().toString());
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"), csp);
            assertTrue(r.headers().map().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("access-control-")),
                    "no CORS header: " + r.headers().map());
        }
        assertEquals(405, all.get(4).statusCode(), "no preflight is answered");
    }

    @Test
    void catalogAndCodes() throws Exception {
        JsonNode catalog = JSON.readTree(web.get("/api/v1/catalog").body());
        assertEquals(TestKnowledge.kb().catalog().causes().size(), catalog.get("causes").size());
        assertEquals(TestKnowledge.kb().catalog().questions().size(), catalog.get("questions").size());
        assertEquals(TestKnowledge.kb().fingerprint(), catalog.get("knowledgeBase").get("fingerprint").asString());

        JsonNode hex = JSON.readTree(web.get("/api/v1/codes/0x904").body());
        assertEquals(2308, hex.get("value").asInt());
        assertEquals("disconnectReasonAtClientWinsockFDCLOSE", hex.get("entries").get(0).get("name").asString());
        assertEquals(hex, JSON.readTree(web.get("/api/v1/codes/2308").body()), "decimal and hex name one code");
        JsonNode seven = JSON.readTree(web.get("/api/v1/codes/0x7").body());
        assertTrue(seven.get("entries").valueStream().anyMatch(e -> e.get("kind").asString().equals("extended")
                && e.get("name").asString().equals("exDiscReasonServerDeniedConnection")), seven.toString());
        assertEquals(404, web.get("/api/v1/codes/0x7ffff").statusCode());
        assertEquals(400, web.get("/api/v1/codes/zz%3Cb%3E").statusCode());
    }

    @Test
    void theInterviewStepByStepEndsWithTheReportOfTheSameAnswersReplayed() throws Exception {
        HostFacts truth = FactsReader.read(EXAMPLE);
        ObjectNode request = JSON.createObjectNode();
        request.put("id", "web01");
        ArrayNode answers = request.putArray("answers");
        JsonNode step = null;
        for (int i = 0; i < 60; i++) {
            HttpResponse<String> r = web.post("/api/v1/interview", "application/json", JSON.writeValueAsString(request));
            assertEquals(200, r.statusCode(), r.body());
            step = JSON.readTree(r.body());
            assertEquals(i, step.get("answered").asInt());
            if (step.get("done").asBoolean()) {
                break;
            }
            JsonNode q = step.get("question");
            assertTrue(q.get("prompt").asString().length() > 5);
            ObjectNode a = answers.addObject();
            a.put("question", q.get("id").asString());
            Object value = truth.value(q.get("fact").asString());
            a.set("value", value == null ? JSON.nullNode() : JSON.valueToTree(value));
        }
        assertNotNull(step);
        assertTrue(step.get("done").asBoolean(), "the interview ends");
        assertEquals("fix", step.get("firstStep").get("kind").asString());

        HostFacts start = HostFacts.unknown(truth.vocabulary(), "web01");
        Replay.Transcript t = Replay.run(Examples.service(), start, truth);
        assertEquals(t.steps().size(), answers.size(), "the same questions as ask --answers");
        Map<String, Object> expected = ReportModel.of(t.diagnosis(), new ReportOptions(false, false, null));
        assertEquals(JSON.readTree(JSON.writeValueAsString(expected)), step.get("report"));
        assertEquals(t.endReason(), step.get("endReason").asString());
    }

    @Test
    void theInterviewStartsFromKnownFactsAndTakesTriedFixes() throws Exception {
        String body = "{\"facts\": {\"id\": \"rds01\", \"error\": {\"mainCode\": \"0x904\", \"extendedCode\": \"0x7\"},\n"
                + " \"host\": {\"certificateKind\": \"self-signed\", \"certificateState\": \"expired\"}},\n"
                + " \"tried\": [\"regenerate-rdp-self-signed-certificate\"], \"answers\": []}";
        JsonNode r = JSON.readTree(web.post("/api/v1/interview", "application/json", body).body());
        assertFalse(r.get("done").asBoolean() && r.get("report").get("tried").isEmpty());
        JsonNode first = r.get("question");
        if (first != null) {
            assertFalse(first.get("fact").asString().startsWith("error.mainCode"), "known facts are not asked again");
        }
        String bad = "{\"facts\": {\"id\": \"x\",\n  \"host\": {\"nlaRequird\": true}}}";
        HttpResponse<String> located = web.post("/api/v1/interview", "application/json", bad);
        assertEquals(400, located.statusCode());
        JsonNode e = JSON.readTree(located.body()).get("errors").get(0);
        assertEquals(2, e.get("line").asInt(), "located in the request itself");
        assertEquals(12, e.get("column").asInt(), located.body());
    }

    @Test
    void badInterviewRequestsAreLocated() throws Exception {
        HttpResponse<String> unknownQuestion = web.post("/api/v1/interview", "application/json",
                "{\"answers\": [\n  {\"question\": \"error-main-code\", \"value\": \"0x904\"},\n  {\"question\": \"no-such\", \"value\": 1}]}");
        assertEquals(400, unknownQuestion.statusCode());
        JsonNode e = JSON.readTree(unknownQuestion.body()).get("errors").get(0);
        assertEquals(3, e.get("line").asInt());
        assertTrue(e.get("message").asString().contains("no-such"));
        HttpResponse<String> badValue = web.post("/api/v1/interview", "application/json",
                "{\"answers\": [{\"question\": \"error-main-code\", \"value\": \"0xZZ\"}]}");
        assertEquals(400, badValue.statusCode());
        assertEquals(1, JSON.readTree(badValue.body()).get("errors").get(0).get("line").asInt());
        assertEquals(400, web.post("/api/v1/interview", "application/json", "{\"answer\": []}").statusCode());
        assertEquals(400, web.post("/api/v1/interview", "application/json", "[1, 2]").statusCode());
        assertEquals(415, web.post("/api/v1/interview", "application/yaml", "answers: []").statusCode());
        HttpResponse<String> unknown = web.post("/api/v1/interview", "application/json",
                "{\"answers\": [{\"question\": \"error-main-code\", \"value\": null}]}");
        assertEquals(200, unknown.statusCode(), "null is the answer 'unknown'");
        assertNull(JSON.readTree(unknown.body()).get("report"));
    }

    @Test
    void batchStreamsOneLinePerHostInInputOrder() throws Exception {
        String jsonl = "{\"id\": \"a\", \"error\": {\"mainCode\": \"0x904\", \"extendedCode\": \"0x7\"}, \"host\": {\"tls12ServerEnabled\": false}}\n"
                + "{\"id\": \"b\", \"host\": {\"nlaRequired\": \"yes\"}}\n"
                + "{\"id\": \"c\", \"error\": {\"mainCode\": \"0x904\"}}\n";
        HttpResponse<String> r = web.post("/api/v1/batch", "application/x-ndjson", jsonl);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/x-ndjson"));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertEquals(3, lines.size(), r.body());
        assertEquals(List.of("a", "b", "c"), lines.stream().map(l -> l.get("id").asString()).toList());
        assertEquals("diagnosed", lines.get(0).get("result").asString());
        assertEquals("tls12-disabled", lines.get(0).get("causes").get(0).get("id").asString());
        assertEquals("invalid", lines.get(1).get("result").asString());
        assertEquals(2, lines.get(1).get("errors").get(0).get("line").asInt(), "located in the export");

        String csv = "id,error.mainCode,host.tls12ServerEnabled\nx,0x904,false\n";
        HttpResponse<String> fromCsv = web.post("/api/v1/batch", "text/csv", csv);
        assertEquals("x", JSON.readTree(fromCsv.body().strip()).get("id").asString(), fromCsv.body());
        assertEquals(415, web.post("/api/v1/batch", "application/json", jsonl).statusCode());
        assertEquals(413, web.post("/api/v1/batch", "application/x-ndjson", jsonl.repeat(TestServer.MAX_BATCH / 100)).statusCode());
        assertEquals(400, web.post("/api/v1/batch", "application/x-ndjson", "").statusCode());
    }

    static void assertNoStackTrace(HttpResponse<String> r) {
        assertFalse(r.body().contains("\tat ") || r.body().contains("Exception") || r.body().contains("org.rdpdiag."),
                "no stack trace or class name: " + r.body());
    }
}
