package org.rdpdiag.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Observations asked for that nobody could tell: read, refused when wrong, and carried back to a file. */
class AnsweredUnknownTest {
    private static List<String> problems(String text, String name) {
        return FactsReaderProblemsTest.problems(text, name).stream().map(FactsProblem::toString).toList();
    }

    @Test
    void yamlAndJsonGiveThePathsInTheOrderWrittenAndTheObservationsStayUnknown() {
        HostFacts yaml = FactsReader.read("host: {nlaRequired: true}\nunknown: [host.tls12ServerEnabled, error.dialogText]\n",
                "u.yaml", FactsReader.Format.YAML);
        HostFacts json = FactsReader.read("{\"host\": {\"nlaRequired\": true}, \"unknown\": [\"host.tls12ServerEnabled\", "
                + "\"error.dialogText\"]}", "u.json", FactsReader.Format.JSON);
        assertEquals(List.of("host.tls12ServerEnabled", "error.dialogText"), List.copyOf(yaml.answeredUnknown()));
        assertEquals(yaml.answeredUnknown(), json.answeredUnknown());
        assertEquals(null, yaml.value("host.tls12ServerEnabled"), "unknown, exactly as if left out");
        assertEquals(Boolean.TRUE, yaml.value("host.nlaRequired"));
        assertEquals(Set.of(), FactsReader.read("unknown: []\n", "u.yaml", FactsReader.Format.YAML).answeredUnknown());
        assertEquals(Set.of(), FactsReader.read("host: {}\n", "u.yaml", FactsReader.Format.YAML).answeredUnknown());
    }

    @Test
    void aMisspeltPathIsLocatedWithTheNearestDeclaredOneAndTheListIsNotSpelledOut() {
        List<String> found = problems("unknown:\n  - host.tls12SrverEnabled\n", "u.yaml");
        assertEquals(1, found.size(), found.toString());
        String p = found.get(0);
        assertTrue(p.startsWith("u.yaml:2:5: error: unknown[0]: \"host.tls12SrverEnabled\" is not one of the "), p);
        assertTrue(p.endsWith("(did you mean 'host.tls12ServerEnabled'?)"), p);
        assertTrue(p.length() < 300, "the 60-odd declared paths are counted, not listed: " + p);
    }

    @Test
    void aPathThatAlsoHasAValueOrIsListedTwiceIsRefusedAtItsPlace() {
        assertEquals(List.of("u.yaml:2:29: error: host.nlaRequired has a value in this file and is listed as unknown too; "
                        + "keep the value and take it off the 'unknown' list"),
                problems("host: {nlaRequired: true}\nunknown: [error.dialogText, host.nlaRequired]\n", "u.yaml"));
        List<String> twice = problems("unknown: [error.dialogText, error.dialogText]\n", "u.yaml");
        assertEquals(1, twice.size(), twice.toString());
        assertTrue(twice.get(0).startsWith("u.yaml:1:29: error: unknown: "), twice.get(0));
    }

    @Test
    void theFactsFileLayoutCarriesThemBackToTheReader() {
        Vocabulary vocabulary = Vocabulary.bundled();
        HostFacts facts = HostFacts.of(vocabulary, "h", Map.of("host.nlaRequired", false))
                .withAnsweredUnknown(Set.of("network.lanWorks"))
                .withTried(List.of(new Tried("enable-tls12-server", TriedOutcome.STILL_FAILS)));
        assertEquals(Set.of("network.lanWorks"), facts.answeredUnknown(), "kept when what was tried changes");
        String yaml = YAMLMapper.builder().build().writeValueAsString(FactValues.nested(facts));
        assertEquals(facts, FactsReader.read(yaml, "back.yaml", FactsReader.Format.YAML).withTried(facts.tried()));
        String json = JsonMapper.builder().build().writeValueAsString(FactValues.nested(facts));
        assertEquals(facts.answeredUnknown(), FactsReader.read(json, "back.json", FactsReader.Format.JSON).answeredUnknown());
    }

    @Test
    void factsBuiltInCodeRefuseAKnownObservationAnsweredUnknownAndAnUndeclaredPath() {
        HostFacts known = HostFacts.of(Vocabulary.bundled(), "h", Map.of("host.nlaRequired", true));
        assertThrows(IllegalArgumentException.class, () -> known.withAnsweredUnknown(Set.of("host.nlaRequired")));
        assertThrows(IllegalArgumentException.class, () -> known.withAnsweredUnknown(Set.of("host.noSuchThing")));
    }
}
