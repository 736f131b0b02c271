package org.rdpdiag.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema, the records and the user documentation describe the same facts. The records are
 * the contract the rules use; these tests keep the schema (and so validation) and docs/facts.md
 * from drifting away from them.
 */
class FactsSchemaTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> WHERE = Set.of("client", "host", "azure-portal", "gateway");

    static JsonNode schema() throws IOException {
        try (InputStream in = FactsSchemaTest.class.getClassLoader().getResourceAsStream(FactsSchema.RESOURCE)) {
            return JSON.readTree(in);
        }
    }

    static Path project() {
        return Path.of(System.getProperty("basedir", "."));
    }

    @Test
    void theBundledSchemaIsTheOneInTheRepository() throws IOException {
        JsonNode onDisk = JSON.readTree(Files.readString(project().resolve("facts/schema/host-facts.schema.json")));
        assertEquals(onDisk, schema());
    }

    @Test
    void topLevelIsIdPlusTheSectionsOfTheModel() throws IOException {
        JsonNode root = schema();
        assertEquals("https://json-schema.org/draft/2020-12/schema", root.get("$schema").asString());
        assertEquals("object", root.get("type").asString());
        assertFalse(root.get("additionalProperties").asBoolean());
        List<String> expected = new ArrayList<>();
        expected.add("id");
        expected.addAll(FactPaths.sections().keySet());
        assertEquals(expected, names(root.get("properties")));
        assertEquals("string", root.at("/properties/id/type").asString());
        assertEquals(List.copyOf(FactPaths.sections().keySet()), FactsSchema.bundled().sections());
    }

    @Test
    void everySectionHasExactlyTheRecordComponentsWithMatchingTypes() throws IOException {
        JsonNode properties = schema().get("properties");
        FactPaths.sections().forEach((section, type) -> {
            JsonNode s = properties.get(section);
            assertEquals(List.of("object", "null"), FactsSchema.types(s), section);
            assertFalse(s.get("additionalProperties").asBoolean(), section + " must be closed");
            List<String> components = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                components.add(c.getName());
            }
            assertEquals(components, names(s.get("properties")), section + ": schema properties vs. record components");
            for (RecordComponent c : type.getRecordComponents()) {
                JsonNode p = s.get("properties").get(c.getName());
                assertEquals(javaType(c), boundType(p), section + "." + c.getName());
                if (c.getType() == List.class) {
                    assertEquals("integer", p.at("/items/type").asString(), section + "." + c.getName() + " items");
                }
            }
        });
    }

    @Test
    void everyPropertyIsDescribedAndSaysHowToReadItOnWindows() throws IOException {
        schema().get("properties").properties().forEach(section -> {
            JsonNode props = section.getValue().has("properties") ? section.getValue().get("properties") : null;
            List<Map.Entry<String, JsonNode>> all = new ArrayList<>();
            if (props == null) {
                all.add(section);
            } else {
                props.properties().forEach(all::add);
            }
            for (Map.Entry<String, JsonNode> e : all) {
                String name = section.getKey() + "." + e.getKey();
                JsonNode p = e.getValue();
                assertTrue(p.has("type"), name + " has a type");
                assertTrue(p.path("description").asString("").length() > 20, name + " has a description");
                assertTrue(p.get("description").asString().contains("Absent"), name + " says what absent means");
                JsonNode windows = p.get("x-windows");
                assertTrue(windows != null && windows.path("how").asString("").length() > 10, name + " has x-windows.how");
                assertFalse(windows.get("where").isEmpty(), name + " says where to run it");
                windows.get("where").forEach(w -> assertTrue(WHERE.contains(w.asString()), name + ": where " + w));
            }
        });
    }

    @Test
    void closedSetsUseTheSpellingsTheRulesUse() throws IOException {
        Map<String, List<Object>> expected = new LinkedHashMap<>();
        expected.put("error.timing", List.of("immediately", "after-credentials", "in-session"));
        expected.put("client.application", List.of("mstsc", "windows-app", "rdc-mac", "rd-client-mobile", "web-client", "third-party"));
        expected.put("client.delegationPolicy", List.of("not-configured", "prefer-remote-credential-guard",
                "require-remote-credential-guard", "require-restricted-admin"));
        expected.put("host.remoteDesktopPolicy", List.of("enabled", "disabled", "not-configured"));
        expected.put("host.listenerState", List.of("listening", "not-listening"));
        expected.put("host.listenerPortOwner", List.of("termservice", "other-process", "none"));
        expected.put("host.termServiceState", List.of("running", "stopped", "disabled"));
        expected.put("host.securityLayer", List.of("rdp", "negotiate", "tls"));
        expected.put("host.certificateKind", List.of("self-signed", "ca-issued"));
        expected.put("host.certificateState", List.of("valid", "expired", "missing", "corrupt"));
        expected.put("network.vpnProtocol", List.of("wireguard", "openvpn-udp", "openvpn-tcp", "ikev2", "sstp", "l2tp", "other"));
        JsonNode root = schema();
        List<String> withEnum = new ArrayList<>();
        for (String path : FactPaths.all()) {
            JsonNode p = property(root, path);
            if (p.has("enum")) {
                withEnum.add(path);
            }
        }
        assertEquals(List.copyOf(expected.keySet()), withEnum, "properties with a closed set of strings");
        expected.forEach((path, values) -> assertEquals(values, values(property(root, path).get("enum")), path));
        assertEquals(List.of(1057, 1058, 36870, 36871, 36872), values(property(root, "host.eventIdsSeen").at("/items/enum")));
        assertTrue(property(root, "host.eventIdsSeen").get("uniqueItems").asBoolean());
    }

    @Test
    void rangesAreWhereTheBriefPutsThem() throws IOException {
        JsonNode root = schema();
        assertRange(root, "client.allowEncryptionOracle", 0, 2);
        assertRange(root, "host.allowEncryptionOracle", 0, 2);
        assertRange(root, "host.minEncryptionLevel", 1, 4);
        assertRange(root, "host.listenerPort", 1, 65535);
        assertRange(root, "host.licensingGraceDaysLeft", 0, 120);
        assertRange(root, "network.packetLossPct", 0, 100);
        for (String path : List.of("host.connectionLimit", "host.activeSessions", "network.latencyMs", "network.bandwidthMbps")) {
            assertEquals(0, property(root, path).get("minimum").asInt(), path);
        }
        for (String path : List.of("error.mainCode", "error.extendedCode")) {
            assertEquals("code", property(root, path).get("x-format").asString(), path);
            assertEquals(List.of("integer", "string"), FactsSchema.types(property(root, path)), path);
        }
    }

    @Test
    void theInterpreterRefusesKeywordsItDoesNotImplement() throws IOException {
        ObjectNode changed = (ObjectNode) schema().deepCopy();
        ((ObjectNode) changed.at("/properties/host/properties/os")).put("minLength", 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FactsSchema.of(changed));
        assertEquals("facts schema: unsupported keyword 'minLength' at host.os", e.getMessage());
    }

    @Test
    void validationFollowsTheSchemaFile() throws IOException {
        // Narrow a range in a copy of the schema: the same facts now fail, with the new bounds.
        ObjectNode changed = (ObjectNode) schema().deepCopy();
        ((ObjectNode) changed.at("/properties/host/properties/listenerPort")).put("maximum", 3000);
        Problems problems = new Problems("f.yaml");
        Located tree = YamlTree.read("host: {listenerPort: 3389}", "f.yaml", problems);
        FactsSchema.of(changed).validate(tree, problems);
        FactsException e = assertThrows(FactsException.class, problems::throwIfAny);
        assertEquals("f.yaml:1:22: error: host.listenerPort: 3389 is out of range: allowed 1 to 3000", e.getMessage());
    }

    @Test
    void theUserDocumentationMentionsEveryField() throws IOException {
        String doc = Files.readString(project().resolve("docs/facts.md"));
        JsonNode root = schema();
        for (String section : FactPaths.sections().keySet()) {
            int start = doc.indexOf("\n### `" + section + "`");
            assertTrue(start >= 0, "docs/facts.md has a heading ### `" + section + "`");
            int end = doc.indexOf("\n## ", start + 1);
            int nextSection = doc.indexOf("\n### ", start + 1);
            end = nextSection >= 0 && (end < 0 || nextSection < end) ? nextSection : end;
            String part = end < 0 ? doc.substring(start) : doc.substring(start, end);
            for (String field : names(root.at("/properties/" + section + "/properties"))) {
                assertTrue(part.contains("| `" + field + "` |"), "docs/facts.md lists " + section + "." + field + " in its table");
                JsonNode p = root.at("/properties/" + section + "/properties/" + field);
                for (JsonNode value : p.has("enum") ? p.get("enum") : p.at("/items/enum")) {
                    assertTrue(part.contains("`" + value.asString() + "`"), "docs/facts.md names " + section + "." + field + " value " + value);
                }
            }
        }
    }

    private static void assertRange(JsonNode root, String path, int min, int max) {
        JsonNode p = property(root, path);
        assertEquals(min, p.get("minimum").asInt(), path + " minimum");
        assertEquals(max, p.get("maximum").asInt(), path + " maximum");
    }

    /** The Java type a property binds to: x-format code turns its strings into integers. */
    private static Class<?> boundType(JsonNode p) {
        List<String> types = new ArrayList<>(FactsSchema.types(p));
        if ("code".equals(p.path("x-format").asString(""))) {
            types.remove("string");
        }
        assertEquals(1, types.size(), "one bound type: " + types);
        return switch (types.get(0)) {
            case "boolean" -> Boolean.class;
            case "integer" -> Integer.class;
            case "number" -> Double.class;
            case "string" -> String.class;
            case "array" -> List.class;
            default -> Object.class;
        };
    }

    private static Class<?> javaType(RecordComponent c) {
        return c.getType();
    }

    private static JsonNode property(JsonNode root, String path) {
        String[] parts = path.split("\\.");
        return root.at("/properties/" + parts[0] + "/properties/" + parts[1]);
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.properties().forEach(e -> out.add(e.getKey()));
        return out;
    }

    private static List<Object> values(JsonNode array) {
        List<Object> out = new ArrayList<>();
        array.forEach(v -> out.add(v.isNumber() ? (Object) v.asInt() : v.asString()));
        return out;
    }
}
