package org.rdpdiag.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** What was already tried: reading it from files and table rows, its mistakes, and carrying it through the flat map. */
class TriedFactsTest {
    private static final List<Tried> BOTH = List.of(new Tried("enable-tls12-server", TriedOutcome.STILL_FAILS),
            new Tried("start-termservice", TriedOutcome.COULD_NOT_APPLY));

    private static List<String> problems(String text, String name) {
        FactsReader.Format format = name.endsWith(".json") ? FactsReader.Format.JSON : FactsReader.Format.YAML;
        return assertThrows(FactsException.class, () -> FactsReader.read(text, name, format)).problems().stream()
                .map(FactsProblem::toString).toList();
    }

    @Test
    void yamlAndJsonFilesGiveTheTriedStepsInOrderWithWhereEachStepIsWritten() {
        HostFacts yaml = FactsReader.read(FactsReaderTest.fixture("tried.yaml"));
        HostFacts json = FactsReader.read(FactsReaderTest.fixture("tried.json"));
        assertEquals(BOTH, yaml.tried());
        assertEquals(yaml, json);
        assertEquals(Boolean.FALSE, yaml.value("host.tls12ServerEnabled"), "the observations are read as before");
        FactsLocation first = yaml.triedAt(0).orElseThrow();
        assertTrue(first.file().endsWith("tried.yaml"), first.file());
        assertEquals(List.of(9, 12), List.of(first.line(), first.column()), "the step of a flow mapping");
        FactsLocation second = yaml.triedAt(1).orElseThrow();
        assertEquals(List.of(10, 11), List.of(second.line(), second.column()), "the step of a block mapping");
        FactsLocation inJson = json.triedAt(1).orElseThrow();
        assertEquals(List.of(7, 14), List.of(inJson.line(), inJson.column()));
    }

    @Test
    void withoutTriedNothingWasTried() {
        HostFacts facts = FactsReader.read("host: {nlaRequired: true}\n", "h.yaml", FactsReader.Format.YAML);
        assertEquals(List.of(), facts.tried());
        assertEquals(List.of(), FactsReader.read("tried: []\n", "h.yaml", FactsReader.Format.YAML).tried());
        assertEquals(Optional.empty(), facts.withTried(BOTH).triedAt(0), "built in code: no place in a file");
    }

    @Test
    void aMisspeltOutcomeIsLocatedAndTheNearestWordSuggested() {
        assertEquals(List.of("t.yaml:2:42: error: tried[0].outcome: \"still-fail\" is not one of still-fails, could-not-apply "
                        + "(did you mean 'still-fails'?)"),
                problems("tried:\n  - {step: enable-tls12-server, outcome: still-fail}\n", "t.yaml"));
        assertEquals(List.of("t.json:1:53: error: tried[0].outcome: \"could-not-aply\" is not one of still-fails, "
                        + "could-not-apply (did you mean 'could-not-apply'?)"),
                problems("{\"tried\": [{\"step\": \"start-termservice\", \"outcome\": \"could-not-aply\"}]}", "t.json"));
    }

    @Test
    void aStepThatIsNotAnIdIsRefusedWithTheIdItMeant() {
        assertEquals(List.of("t.yaml:1:16: error: tried[0].step: \"Enable TLS12 Server\" does not have the expected form "
                        + "(did you mean 'enable-tls12-server'?)"),
                problems("tried: [{step: Enable TLS12 Server, outcome: still-fails}]\n", "t.yaml"));
        assertEquals(List.of("t.yaml:1:16: error: tried[0].step: \"-x\" does not have the expected form"),
                problems("tried: [{step: \"-x\", outcome: still-fails}]\n", "t.yaml"));
        List<String> tooLong = problems("tried: [{step: " + "a".repeat(257) + ", outcome: still-fails}]\n", "t.yaml");
        assertTrue(tooLong.get(0).contains("tried[0].step: expected text of at most 256 characters, found 257"), tooLong.get(0));
    }

    @Test
    void anEntryNeedsExactlyAStepAndAnOutcome() {
        assertEquals(List.of("t.yaml:3:5: error: tried[0]: the key 'outcome' is missing: expected one of still-fails, "
                        + "could-not-apply (each entry needs step and outcome)"),
                problems("tried:\n  -\n    step: enable-tls12-server\n", "t.yaml"));
        // A misspelt key: its suggestion says it all, so 'step' is not reported missing as well.
        assertEquals(List.of("t.yaml:2:6: error: unknown key 'stpe' in 'tried[0]' (did you mean 'step'?)"),
                problems("tried:\n  - {stpe: enable-tls12-server, outcome: still-fails}\n", "t.yaml"));
        // A remark on a step belongs among the file's notes, which the hint names.
        assertEquals(List.of("t.yaml:1:59: error: unknown key 'note' in 'tried[0]' (did you mean 'notes' under the top level?)"),
                problems("tried: [{step: enable-tls12-server, outcome: still-fails, note: x}]\n", "t.yaml"));
        assertEquals(List.of("t.yaml:1:9: error: tried[0]: expected a mapping, found string \"enable-tls12-server\" "
                        + "(write each entry as {step: ..., outcome: ...})"),
                problems("tried: [enable-tls12-server]\n", "t.yaml"));
    }

    @Test
    void aMappingInsteadOfAListShowsTheListForm() {
        assertEquals(List.of("t.yaml:2:3: error: tried: expected a list, found a mapping "
                        + "(write a list with one mapping per entry: - {step: ..., outcome: ...})"),
                problems("tried:\n  enable-tls12-server: still-fails\n", "t.yaml"));
        assertEquals(List.of("t.yaml:1:7: error: tried: expected a list, found an empty value "
                        + "(leave the key out when the value is unknown)"),
                problems("tried:\n", "t.yaml"));
        assertEquals(List.of("t.yaml:1:1: error: unknown top-level key 'tryed' (did you mean 'tried'?)"),
                problems("tryed: []\n", "t.yaml"));
    }

    @Test
    void aStepListedTwiceIsRefusedAtTheSecondEntry() {
        assertEquals(List.of("t.yaml:3:12: error: tried[1]: step \"enable-tls12-server\" is listed more than once; "
                        + "it was already given at line 2, column 12 (keep one entry per step)"),
                problems("tried:\n  - {step: enable-tls12-server, outcome: could-not-apply}\n"
                        + "  - {step: enable-tls12-server, outcome: still-fails}\n", "t.yaml"));
    }

    @Test
    void aRecordOfALargerFileIsLocatedInThatFile() {
        byte[] record = "{\"id\": \"web07\", \"tried\": [{\"step\": \"enable-tls12-server\", \"outcome\": \"still-fails\"}]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HostFacts facts = FactsReader.readRecord(record, "fleet.jsonl", FactsReader.Format.JSON, 12, "fleet#3");
        assertEquals(new FactsLocation("fleet.jsonl", 12, 36), facts.triedAt(0).orElseThrow());
        byte[] bad = "{\"tried\": [{\"step\": \"enable-tls12-server\", \"outcome\": \"fails\"}]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        FactsProblem p = assertThrows(FactsException.class,
                () -> FactsReader.readRecord(bad, "fleet.jsonl", FactsReader.Format.JSON, 12, "fleet#3")).problems().get(0);
        assertEquals(List.of(12, 55), List.of(p.line(), p.column()));
    }

    @Test
    void theOutcomeWordsAreTheSchemasAndLookUpBothWays() {
        List<String> words = new ArrayList<>();
        FactsSchema.bundled().root().at("/properties/tried/items/properties/outcome/enum").forEach(w -> words.add(w.asString()));
        assertEquals(words, java.util.Arrays.stream(TriedOutcome.values()).map(TriedOutcome::word).toList());
        for (TriedOutcome o : TriedOutcome.values()) {
            assertEquals(o, TriedOutcome.of(o.word()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TriedOutcome.of("fixed"));
        assertEquals("no outcome 'fixed': expected one of still-fails, could-not-apply", e.getMessage());
    }

    @Test
    void hostFactsNeverHoldANullOrChangeableList() {
        HostFacts six = HostFacts.unknown(Vocabulary.bundled(), "h");
        assertEquals(List.of(), six.tried());
        assertEquals(six, new HostFacts("h", Observations.none(Vocabulary.bundled()), null));
        List<Tried> mutable = new ArrayList<>(BOTH);
        HostFacts facts = six.withTried(mutable);
        mutable.clear();
        assertEquals(BOTH, facts.tried(), "a copy, not a view");
        assertThrows(UnsupportedOperationException.class, () -> facts.tried().add(BOTH.get(0)));
        assertEquals(six, facts.withTried(List.of()));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> six.withTried(List.of(BOTH.get(0), new Tried("enable-tls12-server", TriedOutcome.COULD_NOT_APPLY))));
        assertTrue(twice.getMessage().contains("'enable-tls12-server' is tried more than once"), twice.getMessage());
        HostFacts read = FactsReader.read(FactsReaderTest.fixture("tried.yaml"));
        assertThrows(UnsupportedOperationException.class, () -> read.tried().remove(0));
    }

    @Test
    void theFlatMapCarriesTriedOnlyWhenAskedTo() {
        HostFacts read = FactsReader.read(FactsReaderTest.fixture("tried.yaml"));
        Map<String, Object> values = FactValues.of(read);
        assertEquals(Map.of("error.mainCode", 2308, "error.extendedCode", 7, "host.tls12ServerEnabled", false), values,
                "tried is not an observation");
        assertEquals(List.of(), FactValues.toFacts(org.rdpdiag.facts.Vocabulary.bundled(), "tried", values).tried(), "the two-argument form is unchanged");
        HostFacts carried = FactValues.toFacts(org.rdpdiag.facts.Vocabulary.bundled(), "tried", values, read.tried());
        assertEquals(read, carried);
        assertEquals(read.triedAt(1), carried.triedAt(1), "entries read from a file keep their places");
        assertEquals(FactValues.nested(org.rdpdiag.facts.Vocabulary.bundled(), "tried", values), FactValues.nested(org.rdpdiag.facts.Vocabulary.bundled(), "tried", values, List.of()));
    }

    @Test
    void writtenOutAsYamlOrJsonTheFactsReadBackTheSame() {
        HostFacts read = FactsReader.read(FactsReaderTest.fixture("tried.yaml"));
        Map<String, Object> nested = FactValues.nested(read);
        assertEquals(List.of(Map.of("step", "enable-tls12-server", "outcome", "still-fails"),
                Map.of("step", "start-termservice", "outcome", "could-not-apply")), nested.get("tried"));
        String yaml = YAMLMapper.builder().build().writeValueAsString(nested);
        String json = JsonMapper.builder().build().writeValueAsString(nested);
        assertEquals(read, FactsReader.read(yaml, "saved.yaml", FactsReader.Format.YAML));
        assertEquals(read, FactsReader.read(json, "saved.json", FactsReader.Format.JSON));
        assertEquals(read.tried().get(0), JsonMapper.builder().build().readValue(
                "{\"step\": \"enable-tls12-server\", \"outcome\": \"still-fails\"}", Tried.class), "the outcome binds by its word");
    }

    @Test
    void mergingKeepsTheLaterOutcomeOfAStepInItsPlace() {
        List<Tried> later = List.of(new Tried("start-termservice", TriedOutcome.STILL_FAILS),
                new Tried("rebind-listener-certificate", TriedOutcome.STILL_FAILS));
        assertEquals(List.of(BOTH.get(0), later.get(0), later.get(1)), Tried.merge(BOTH, later));
        assertEquals(BOTH, Tried.merge(BOTH, List.of()));
        assertEquals(later, Tried.merge(List.of(), later));
    }

    // ---- CSV: one column 'tried', entries step:outcome ----

    private static FactColumns columns() {
        return FactColumns.of(List.of(new FactColumns.Cell("id", 1, 1), new FactColumns.Cell("tried", 1, 4),
                new FactColumns.Cell("host.nlaRequired", 1, 10)), "fleet.csv");
    }

    private static List<FactColumns.Cell> row(int line, String id, String tried) {
        return List.of(new FactColumns.Cell(id, line, 1), new FactColumns.Cell(tried, line, 7),
                new FactColumns.Cell("true", line, 60));
    }

    @Test
    void aCsvCellListsStepColonOutcomeEntries() {
        HostFacts facts = columns().read(row(2, "web01", "enable-tls12-server:still-fails;start-termservice : could-not-apply"),
                "fleet#1");
        assertEquals(BOTH, facts.tried());
        assertEquals(new FactsLocation("fleet.csv", 2, 7), facts.triedAt(1).orElseThrow(), "located at the cell");
        assertEquals(Boolean.TRUE, facts.value("host.nlaRequired"));
        assertEquals(List.of(), columns().read(row(3, "web02", ""), "fleet#2").tried(), "an empty cell: nothing tried");
        assertEquals(BOTH, columns().read(row(4, "web03", "[enable-tls12-server:still-fails, start-termservice:could-not-apply]"),
                "fleet#3").tried());
    }

    @Test
    void aBadCsvCellIsLocatedAtTheCell() {
        FactsException misspelt = assertThrows(FactsException.class,
                () -> columns().read(row(5, "web05", "enable-tls12-server:stil-fails"), "fleet#4"));
        assertEquals(List.of("fleet.csv:5:7: error: tried[0].outcome: \"stil-fails\" is not one of still-fails, "
                + "could-not-apply (did you mean 'still-fails'?)"), misspelt.problems().stream().map(FactsProblem::toString).toList());
        assertEquals(Optional.of("web05"), misspelt.id(), "the row is named by its own id");
        FactsException noColon = assertThrows(FactsException.class,
                () -> columns().read(row(6, "web06", "enable-tls12-server"), "fleet#5"));
        assertEquals(List.of("fleet.csv:6:7: error: tried: expected step:outcome, found \"enable-tls12-server\" "
                + "(write each entry as step:outcome, e.g. enable-tls12-server:still-fails; separate entries with ;)"),
                noColon.problems().stream().map(FactsProblem::toString).toList());
        FactsException twice = assertThrows(FactsException.class,
                () -> columns().read(row(7, "web07", "a:still-fails;a:could-not-apply"), "fleet#6"));
        assertTrue(twice.problems().get(0).toString().startsWith("fleet.csv:7:7: error: tried[1]: step \"a\" is listed more than once"),
                twice.problems().get(0).toString());
    }

    @Test
    void aMisspeltTriedColumnIsNamed() {
        FactsException e = assertThrows(FactsException.class,
                () -> FactColumns.of(List.of(new FactColumns.Cell("id", 1, 1), new FactColumns.Cell("tryed", 1, 4)), "fleet.csv"));
        assertEquals("fleet.csv:1:4: error: unknown column 'tryed': not the path of an observation (did you mean 'tried'?)",
                e.problems().get(0).toString());
    }
}
