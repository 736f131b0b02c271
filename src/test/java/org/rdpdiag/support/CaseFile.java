package org.rdpdiag.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One case of the case library in {@code rules/cases/}: facts (inline, or a facts file relative
 * to the case) and the statuses expected for some causes.
 */
public record CaseFile(Path path, String description, HostFacts facts, Map<String, String> expectedStatus,
        List<String> notConfirmed, String topCause) {

    private static final ObjectMapper YAML = YAMLMapper.builder().build();
    private static final ObjectMapper JSON = new ObjectMapper();

    public static List<CaseFile> all(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<CaseFile> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                out.add(read(p));
            }
            return out;
        }
    }

    public static CaseFile read(Path path) throws IOException {
        JsonNode root = YAML.readTree(Files.readString(path));
        HostFacts facts;
        String name = path.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (root.hasNonNull("factsFile")) {
            facts = FactsReader.read(path.getParent().resolve(root.get("factsFile").asString()).normalize());
        } else {
            String json = JSON.writeValueAsString(root.get("facts"));
            facts = FactsReader.read(json, path + "#facts", FactsReader.Format.JSON);
        }
        if (facts.id() == null || facts.id().isBlank()) {
            facts = new HostFacts(name, facts.error(), facts.client(), facts.host(), facts.network(), facts.gateway());
        }
        JsonNode expect = root.path("expect");
        Map<String, String> statuses = new LinkedHashMap<>();
        expect.path("causes").properties().forEach(e -> statuses.put(e.getKey(), e.getValue().asString()));
        List<String> notConfirmed = new ArrayList<>();
        expect.path("notConfirmed").forEach(n -> notConfirmed.add(n.asString()));
        String top = expect.hasNonNull("topCause") ? expect.get("topCause").asString() : null;
        return new CaseFile(path, root.path("description").asString(null), facts, statuses, notConfirmed, top);
    }
}
