package org.rdpdiag.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Observations hold each value in the Java type of its declaration, whatever form it was read in,
 * and facts written out read back equal.
 */
class ObservationsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Vocabulary VOCABULARY = Vocabulary.bundled();

    @Test
    void everyExampleAndCaseHoldsTheDeclaredTypesAndReadsBackEqual() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path file : factsFiles()) {
            HostFacts facts = org.rdpdiag.authoring.CaseReader.factsOf(file);
            for (int i = 0; i < VOCABULARY.size(); i++) {
                Object v = facts.observations().get(i);
                if (v == null) {
                    continue;
                }
                assertInstanceOf(VOCABULARY.typeAt(i).valueClass(), v, file + ": " + VOCABULARY.pathAt(i));
            }
            String written = JSON.writeValueAsString(FactValues.nested(facts));
            HostFacts again = FactsReader.read(written, file.toString(), FactsReader.Format.JSON);
            assertEquals(facts, again, file.toString());
            checked.add(file.toString());
        }
        assertTrue(checked.size() > 90, "examples and cases were found: " + checked.size());
    }

    @Test
    void valuesAreTurnedIntoTheirDeclaredTypes() {
        Observations o = Observations.of(VOCABULARY, Map.of("network.packetLossPct", 3, "host.listenerPort", 3389.0,
                "host.eventIdsSeen", List.of(1058L)));
        assertEquals(3.0, o.get("network.packetLossPct"));
        assertEquals(3389, o.get("host.listenerPort"));
        assertEquals(List.of(1058), o.get("host.eventIdsSeen"));
        assertNull(o.get("host.nlaRequired"));
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Observations.of(VOCABULARY, Map.of("host.nlaRequired", "yes")));
        assertEquals("the value of 'host.nlaRequired' is a String, not boolean", wrong.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Observations.of(VOCABULARY, Map.of("host.nlaRequierd", true)));
        assertEquals("no such observation: host.nlaRequierd", unknown.getMessage());
    }

    @Test
    void absentAndEmptySectionsAreUnknown() {
        HostFacts facts = FactsReader.read("{\"id\": \"x\", \"host\": {}}", "x.json", FactsReader.Format.JSON);
        assertEquals(HostFacts.unknown(VOCABULARY, "x"), facts);
        assertEquals(ErrorReport.UNKNOWN, facts.error());
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
