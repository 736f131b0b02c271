package org.rdpdiag.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document against the server's real answers: each request below is sent, and its
 * status and body must be what the document declares for that path, method and status. The
 * schemas are checked with the keywords the document uses (type, properties, required,
 * additionalProperties, items, enum, const, oneOf, minimum, maximum, minItems, $ref); a keyword
 * this checker does not know fails the test, so the document cannot drift past it.
 */
class OpenApiTest extends ServedTest {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    static JsonNode doc;

    @BeforeAll
    static void readDocument() {
        HttpResponse<String> r = web.get("/api/v1/openapi.json");
        assertEquals(200, r.statusCode());
        doc = JSON.readTree(r.body());
    }


    @Test
    void theDocumentIsOpenApi31AndNamesEveryEndpoint() {
        assertEquals("3.1.0", doc.get("openapi").asString());
        List<String> paths = new ArrayList<>();
        doc.get("paths").propertyNames().forEach(paths::add);
        assertEquals(List.of("/diagnose", "/interview", "/catalog", "/codes/{code}", "/batch", "/openapi.json"), paths);
    }

    @Test
    void realAnswersMatchTheirSchemas() throws Exception {
        String yaml = Files.readString(Path.of("facts/examples/two-causes-hardening-script.yaml"));
        check("/diagnose", "post", web.post("/api/v1/diagnose?explain=true", "application/yaml", yaml));
        check("/diagnose", "post", web.post("/api/v1/diagnose", "application/yaml", "host: {nlaRequired: 3}"));
        check("/diagnose", "post", web.post("/api/v1/diagnose", "text/plain", "x"));
        check("/diagnose", "post", web.post("/api/v1/diagnose", "application/yaml", "#".repeat(TestServer.MAX_BODY + 10)));
        check("/diagnose", "get", web.get("/api/v1/diagnose"));
        check("/interview", "post", web.post("/api/v1/interview", "application/json", "{}"));
        check("/interview", "post", web.post("/api/v1/interview", "application/json",
                "{\"facts\": " + JSON.writeValueAsString(yaml) + ", \"answers\": [{\"question\": \"error-main-code\", \"value\": 2308}]}"));
        HttpResponse<String> done = web.post("/api/v1/interview", "application/json", "{\"facts\": "
                + JSON.writeValueAsString(Files.readString(Path.of("facts/examples/expired-self-signed-cert.yaml"))) + "}");
        check("/interview", "post", done);
        check("/interview", "post", web.post("/api/v1/interview", "application/json", "{\"answers\": 3}"));
        check("/catalog", "get", web.get("/api/v1/catalog"));
        check("/codes/{code}", "get", web.get("/api/v1/codes/0x7"));
        check("/codes/{code}", "get", web.get("/api/v1/codes/0x7777"));
        check("/codes/{code}", "get", web.get("/api/v1/codes/nope"));
        HttpResponse<String> batch = web.post("/api/v1/batch", "application/yaml",
                "id: a\nerror: {mainCode: \"0x904\"}\n---\nid: b\nhost: {nlaRequired: maybe}\n");
        assertEquals(200, batch.statusCode());
        for (String line : batch.body().split("\n")) {
            validate(schemaOf("/batch", "post", "200", "application/x-ndjson"), JSON.readTree(line), "line");
        }
        check("/batch", "post", web.post("/api/v1/batch", "text/plain", "x"));
        assertTrue(JSON.readTree(done.body()).get("done").asBoolean(), "a file that answers everything ends the interview");
    }

    private static void check(String path, String method, HttpResponse<String> r) {
        String type = r.headers().firstValue("Content-Type").orElseThrow();
        String media = type.split(";")[0].strip();
        if (!doc.get("paths").get(path).has(method)) {
            // A method the document does not list: refused as every error is.
            assertEquals(405, r.statusCode(), method + " " + path);
            validate(doc.get("components").get("schemas").get("Errors"), JSON.readTree(r.body()), method + " " + path);
            return;
        }
        JsonNode schema = schemaOf(path, method, String.valueOf(r.statusCode()), media);
        validate(schema, JSON.readTree(r.body()), method.toUpperCase() + " " + path + " " + r.statusCode());
    }

    private static JsonNode schemaOf(String path, String method, String status, String media) {
        JsonNode response = doc.get("paths").get(path).get(method).get("responses").get(status);
        assertNotNull(response, method + " " + path + " answered " + status + ", which the document does not declare");
        JsonNode content = response.get("content").get(media);
        assertNotNull(content, method + " " + path + " " + status + " answered " + media + ", which the document does not declare");
        return content.get("schema");
    }

    static void validate(JsonNode schema, JsonNode value, String where) {
        List<String> problems = new ArrayList<>();
        validate(schema, value, where, problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static final List<String> KNOWN = List.of("type", "properties", "required", "additionalProperties", "items",
            "enum", "const", "oneOf", "minimum", "maximum", "minItems", "maxLength", "$ref", "description");

    private static void validate(JsonNode schema, JsonNode value, String where, List<String> problems) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
            JsonNode target = doc.get("components").get("schemas").get(name);
            assertNotNull(target, "no schema " + name);
            validate(target, value, where, problems);
            return;
        }
        for (Iterator<String> it = schema.propertyNames().iterator(); it.hasNext();) {
            String keyword = it.next();
            assertTrue(KNOWN.contains(keyword), "the checker does not know the keyword " + keyword);
        }
        if (schema.has("oneOf")) {
            int matches = 0;
            List<String> all = new ArrayList<>();
            for (JsonNode option : schema.get("oneOf")) {
                List<String> p = new ArrayList<>();
                validate(option, value, where, p);
                matches += p.isEmpty() ? 1 : 0;
                all.addAll(p);
            }
            if (matches != 1) {
                problems.add(where + ": matches " + matches + " of oneOf: " + all);
            }
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            problems.add(where + ": expected " + schema.get("const") + ", found " + value);
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode e : schema.get("enum")) {
                found |= e.equals(value);
            }
            if (!found) {
                problems.add(where + ": " + value + " is not in " + schema.get("enum"));
            }
        }
        if (schema.has("type")) {
            List<String> types = new ArrayList<>();
            if (schema.get("type").isArray()) {
                schema.get("type").forEach(t -> types.add(t.asString()));
            } else {
                types.add(schema.get("type").asString());
            }
            if (types.stream().noneMatch(t -> is(t, value))) {
                problems.add(where + ": expected " + types + ", found " + value.getNodeType());
                return;
            }
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
                problems.add(where + ": below the minimum");
            }
            if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
                problems.add(where + ": above the maximum");
            }
        }
        if (value.isObject()) {
            if (schema.has("required")) {
                for (JsonNode r : schema.get("required")) {
                    if (!value.has(r.asString())) {
                        problems.add(where + ": lacks the required " + r.asString());
                    }
                }
            }
            JsonNode properties = schema.get("properties");
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                JsonNode p = properties == null ? null : properties.get(e.getKey());
                if (p != null) {
                    validate(p, e.getValue(), where + "." + e.getKey(), problems);
                } else if (schema.has("additionalProperties") && !schema.get("additionalProperties").asBoolean()) {
                    problems.add(where + ": " + e.getKey() + " is not in the document");
                }
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                problems.add(where + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    validate(schema.get("items"), value.get(i), where + "[" + i + "]", problems);
                }
            }
        }
    }

    private static boolean is(String type, JsonNode v) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isString();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> throw new AssertionError("unknown type " + type);
        };
    }
}
