package org.rdpdiag.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
        return JSON.readTree(Vocabulary.bundled().schemaText());
    }

    static Path project() {
        return Path.of(System.getProperty("basedir", "."));
    }

    @Test
    void thePublishedSchemaIsTheOneTheVocabularyWrites() throws IOException {
        String onDisk = Files.readString(project().resolve("facts/schema/host-facts.schema.json"));
        assertEquals(Vocabulary.bundled().schemaText(), onDisk,
                "facts/schema/host-facts.schema.json is out of date: run rdpdiag rules schema rules > facts/schema/host-facts.schema.json");
    }

    @Test
    void topLevelIsIdPlusTheSectionsOfTheModelPlusWhatWasTriedAndAnsweredUnknown() throws IOException {
        JsonNode root = schema();
        assertEquals("https://json-schema.org/draft/2020-12/schema", root.get("$schema").asString());
        assertEquals("object", root.get("type").asString());
        assertFalse(root.get("additionalProperties").asBoolean());
        List<String> expected = new ArrayList<>();
        expected.add("id");
        List<String> sections = Vocabulary.bundled().sections().stream().map(Vocabulary.Section::name).toList();
        expected.addAll(sections);
        expected.add("tried");
        expected.add("unknown");
        expected.add("rechecked");
        expected.add("notes");
        expected.add("provenance");
        assertEquals(expected, names(root.get("properties")));
        List<String> paths = new ArrayList<>();
        root.at("/properties/unknown/items/enum").forEach(p -> paths.add(p.asString()));
        assertEquals(Vocabulary.bundled().paths(), paths, "the unknown list names declared observations only");
        assertEquals("string", root.at("/properties/id/type").asString());
        assertEquals(sections, FactsSchema.bundled().sections());
    }

    @Test
    void everySectionHasExactlyTheDeclaredObservationsWithMatchingTypes() throws IOException {
        JsonNode properties = schema().get("properties");
        Vocabulary vocabulary = Vocabulary.bundled();
        for (Vocabulary.Section section : vocabulary.sections()) {
            JsonNode s = properties.get(section.name());
            assertEquals(List.of("object", "null"), FactsSchema.types(s), section.name());
            assertFalse(s.get("additionalProperties").asBoolean(), section.name() + " must be closed");
            List<String> declared = vocabulary.paths().subList(section.first(), section.end()).stream()
                    .map(p -> p.substring(section.name().length() + 1)).toList();
            assertEquals(declared, names(s.get("properties")), section.name() + ": schema properties vs. declarations");
            for (int i = section.first(); i < section.end(); i++) {
                JsonNode p = s.get("properties").get(declared.get(i - section.first()));
                Class<?> expected = vocabulary.typeAt(i).valueClass();
                assertEquals(expected, boundType(p), vocabulary.pathAt(i));
                if (expected == List.class) {
                    assertEquals("integer", p.at("/items/type").asString(), vocabulary.pathAt(i) + " items");
                }
            }
        }
        List<String> errorComponents = new ArrayList<>();
        for (RecordComponent c : ErrorReport.class.getRecordComponents()) {
            errorComponents.add(c.getName());
        }
        assertEquals(errorComponents, names(properties.get("error").get("properties")), "the error section is the ErrorReport record");
    }

    @Test
    void triedIsAListOfTheTriedRecordWithOneEntryPerStep() throws IOException {
        JsonNode tried = schema().at("/properties/tried");
        assertEquals(List.of("array"), FactsSchema.types(tried));
        assertEquals("step", tried.get("x-unique-by").asString());
        JsonNode item = tried.get("items");
        assertEquals(List.of("object"), FactsSchema.types(item));
        assertFalse(item.get("additionalProperties").asBoolean(), "an entry is closed");
        List<String> components = new ArrayList<>();
        for (RecordComponent c : Tried.class.getRecordComponents()) {
            components.add(c.getName());
        }
        assertEquals(components, names(item.get("properties")), "entry properties vs. Tried components");
        assertEquals(components, values(item.get("required")), "an entry has exactly a step and an outcome");
        assertEquals(List.of("string"), FactsSchema.types(item.at("/properties/step")));
        assertEquals(256, item.at("/properties/step/maxLength").asInt());
        List<Object> words = new ArrayList<>();
        for (TriedOutcome o : TriedOutcome.values()) {
            words.add(o.word());
        }
        assertEquals(words, values(item.at("/properties/outcome/enum")));
        assertEquals(List.of(Tried.class), List.of(HostFacts.class.getRecordComponents()).stream()
                .filter(c -> c.getName().equals("tried"))
                .map(c -> (Class<?>) ((java.lang.reflect.ParameterizedType) c.getGenericType()).getActualTypeArguments()[0])
                .toList(), "HostFacts.tried is a List<Tried>");
    }

    @Test
    void aStepIdHasTheFormOfTheCatalogueIds() throws IOException {
        java.util.regex.Pattern step = java.util.regex.Pattern.compile(schema().at("/properties/tried/items/properties/step/pattern")
                .asString());
        for (String ok : List.of("enable-tls12-server", "a", "rename-machinekeys-folder", "p01")) {
            assertTrue(step.matcher(ok).find(), ok);
        }
        for (String bad : List.of("", "Enable-TLS", "a--b", "-a", "a-", "a b", "a_b", "a.b")) {
            assertFalse(step.matcher(bad).find(), bad);
        }
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
        expected.put("error.dialogMessage", List.of("credssp-encryption-oracle", "nla-required", "internal-error",
                "protocol-error", "licensing", "gateway-identity", "password-change-required", "lsa-unreachable",
                "trust-relationship-failed", "generic-cannot-connect"));
        expected.put("client.application", List.of("mstsc", "windows-app", "rdc-mac", "rd-client-mobile", "web-client", "third-party"));
        expected.put("client.otherClientTestedOn", List.of("same-computer", "other-computer"));
        expected.put("client.otherClientDiffers", List.of("program-only", "no-gateway", "through-gateway", "gateway-rpc", "no-nla",
                "rdp-security-layer", "tcp-only", "other-tls", "web-client"));
        expected.put("client.targetNamedAs", List.of("fqdn", "short-name", "address"));
        expected.put("client.delegationPolicy", List.of("not-configured", "prefer-remote-credential-guard",
                "require-remote-credential-guard", "require-restricted-admin"));
        expected.put("client.nameVersusAddress", List.of("address-works-name-fails", "name-works-address-fails", "same-result"));
        expected.put("client.deviceKind", List.of("windows-pc", "mac", "ios", "android", "linux", "thin-client", "browser"));
        expected.put("client.accountKind", List.of("local", "domain", "entra", "microsoft"));
        expected.put("client.passwordState", List.of("valid", "expired", "must-change"));
        expected.put("client.joinType", List.of("ad-domain", "hybrid", "entra", "entra-registered", "workgroup"));
        expected.put("host.joinType", List.of("ad-domain", "entra", "hybrid", "workgroup"));
        expected.put("host.remoteDesktopPolicy", List.of("enabled", "disabled", "not-configured"));
        expected.put("host.listenerState", List.of("listening", "not-listening"));
        expected.put("host.listenerPortOwner", List.of("termservice", "other-process", "none"));
        expected.put("host.termServiceState", List.of("running", "stopped", "disabled"));
        expected.put("host.securityLayer", List.of("rdp", "negotiate", "tls"));
        expected.put("host.certificateKind", List.of("self-signed", "private-ca", "public-ca", "ca-issued"));
        expected.put("host.certificateState", List.of("valid", "expired", "missing", "corrupt"));
        expected.put("network.clientLocation", List.of("lan", "vpn", "internet-gateway", "internet-direct"));
        expected.put("network.vpnProtocol", List.of("wireguard", "openvpn-udp", "openvpn-tcp", "ikev2", "sstp", "l2tp", "ssl-vpn", "other"));
        expected.put("network.lanTestedOn", List.of("same-computer", "other-computer"));
        expected.put("network.tcpOnlyTestedOn", List.of("same-computer", "other-computer"));
        expected.put("network.securityProductInspects", List.of("host", "client", "path", "several", "none"));
        expected.put("gateway.certificateKind", List.of("self-signed", "private-ca", "public-ca"));
        expected.put("gateway.failedLeg", List.of("client-to-gateway", "gateway-to-host"));
        expected.put("gateway.transport", List.of("http", "rpc-over-http"));
        expected.put("gateway.deniedPolicy", List.of("rd-cap", "rd-rap"));
        JsonNode root = schema();
        List<String> withEnum = new ArrayList<>();
        for (String path : org.rdpdiag.facts.Vocabulary.bundled().paths()) {
            JsonNode p = property(root, path);
            if (p.has("enum")) {
                withEnum.add(path);
            }
        }
        assertEquals(List.copyOf(expected.keySet()), withEnum, "properties with a closed set of strings");
        expected.forEach((path, values) -> assertEquals(values, values(property(root, path).get("enum")), path));
        assertEquals(List.of(1057, 1058, 36870, 36871, 36872, 36874, 36888), values(property(root, "host.eventIdsSeen").at("/items/enum")));
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
        ((ObjectNode) changed.at("/properties/tried/items")).putArray("required").add("note");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FactsSchema.of(changed));
        assertEquals("facts schema: unsupported keyword 'minLength' at host.os", e.getMessage());
        ((ObjectNode) changed.at("/properties/host/properties/os")).remove("minLength");
        e = assertThrows(IllegalStateException.class, () -> FactsSchema.of(changed));
        assertEquals("facts schema: required names \"note\", which is not a property, at tried[]", e.getMessage());
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
        for (String section : Vocabulary.bundled().sections().stream().map(Vocabulary.Section::name).toList()) {
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

    @Test
    void theUserDocumentationExplainsWhatWasTried() throws IOException {
        String doc = Files.readString(project().resolve("docs/facts.md"));
        int start = doc.indexOf("\n## What was already tried");
        assertTrue(start >= 0, "docs/facts.md has a section ## What was already tried");
        String part = doc.substring(start, doc.indexOf("\n## ", start + 1));
        for (String key : names(schema().at("/properties/tried/items/properties"))) {
            assertTrue(part.contains("| `" + key + "` |"), "the section lists " + key);
        }
        for (TriedOutcome o : TriedOutcome.values()) {
            assertTrue(part.contains("`" + o.word() + "`"), "the section names the outcome " + o.word());
        }
        String batch = Files.readString(project().resolve("docs/batch.md"));
        assertTrue(batch.contains("`enable-tls12-server:still-fails;start-termservice:could-not-apply`"),
                "docs/batch.md shows the CSV cell format");
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
