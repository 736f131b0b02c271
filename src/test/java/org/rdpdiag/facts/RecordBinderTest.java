package org.rdpdiag.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The direct record binding gives exactly the records a general data binder (Jackson) gives for
 * the same validated tree, for every facts file the project has.
 */
class RecordBinderTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void bindsEveryExampleAndCaseLikeTheGeneralDataBinder() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path file : factsFiles()) {
            String text = Files.readString(file);
            boolean isCase = file.startsWith(Path.of("rules", "cases"));
            Problems problems = new Problems(file.toString());
            Located root;
            if (isCase) {
                JsonNode facts = YAMLMapper.builder().build().readTree(text).get("facts");
                if (facts == null) {
                    continue; // a case that points at a facts file; that file is checked on its own
                }
                root = JsonTree.read(JSON.writeValueAsString(facts), file.toString(), problems);
            } else {
                root = YamlTree.read(text, file.toString(), problems);
            }
            Map<String, Object> tree = FactsSchema.bundled().validate(root, problems);
            problems.throwIfAny();
            assertEquals(JSON.convertValue(tree, HostFacts.class), RecordBinder.bind(tree), file.toString());
            checked.add(file.toString());
        }
        assertTrue(checked.size() > 90, "examples and cases were found: " + checked.size());
    }

    @Test
    void absentAndEmptySectionsBindToUnknownSections() {
        HostFacts facts = RecordBinder.bind(Map.of("id", "x", "host", Map.of()));
        assertEquals(Host.UNKNOWN, facts.host());
        assertEquals(Client.UNKNOWN, facts.client());
        assertEquals("x", facts.id());
    }

    private static List<Path> factsFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("facts", "examples"), Path.of("facts", "baseline"), Path.of("rules", "cases"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
            }
        }
        out.add(Path.of("src", "test", "resources", "facts", "complete.yaml"));
        out.add(Path.of("src", "test", "resources", "facts", "tried.yaml"));
        return out;
    }
}
