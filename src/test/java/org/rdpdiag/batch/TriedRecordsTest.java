package org.rdpdiag.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsLocation;
import org.rdpdiag.facts.FactsProblem;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Tried;
import org.rdpdiag.facts.TriedOutcome;
import tools.jackson.databind.json.JsonMapper;

/** What was already tried, in the records of JSON Lines, YAML documents and CSV rows. */
class TriedRecordsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Tried> BOTH = List.of(new Tried("enable-tls12-server", TriedOutcome.STILL_FAILS),
            new Tried("start-termservice", TriedOutcome.COULD_NOT_APPLY));

    private static List<SourceRecord> records(RecordSource source) throws IOException {
        List<SourceRecord> out = new ArrayList<>();
        try (source) {
            for (SourceRecord r = source.next(); r != null; r = source.next()) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void aJsonLinesRecordWithTriedRoundTrips() throws IOException {
        String lines = "{\"id\": \"web01\", \"host\": {\"tls12ServerEnabled\": false}}\n"
                + "{\"id\": \"web02\", \"host\": {\"tls12ServerEnabled\": false}, \"tried\": ["
                + "{\"step\": \"enable-tls12-server\", \"outcome\": \"still-fails\"}, "
                + "{\"step\": \"start-termservice\", \"outcome\": \"could-not-apply\"}]}\n";
        List<SourceRecord> read = records(new JsonLinesSource(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
                "fleet.jsonl", org.rdpdiag.facts.Vocabulary.bundled()));
        assertEquals(List.of(), read.get(0).read().tried());
        HostFacts web02 = read.get(1).read();
        assertEquals(BOTH, web02.tried());
        assertEquals(new FactsLocation("fleet.jsonl", 2, 75), web02.triedAt(0).orElseThrow(), "located in the whole file");

        // Written back as a line, as a fleet export would, and read again: the same facts.
        String written = JSON.writeValueAsString(FactValues.nested(web02)) + "\n";
        HostFacts again = records(new JsonLinesSource(new ByteArrayInputStream(written.getBytes(StandardCharsets.UTF_8)),
                "again.jsonl", org.rdpdiag.facts.Vocabulary.bundled())).get(0).read();
        assertEquals(web02, again);
    }

    @Test
    void aYamlDocumentTakesTriedLikeAFile() throws IOException {
        String docs = "id: web01\nhost: {tls12ServerEnabled: false}\n---\nid: web02\ntried:\n"
                + "  - {step: enable-tls12-server, outcome: still-fails}\n  - {step: start-termservice, outcome: could-not-apply}\n"
                + "---\nid: web03\ntried:\n  - {step: enable-tls12-server, outcome: stil-fails}\n";
        List<SourceRecord> read = records(new YamlDocumentsSource(new ByteArrayInputStream(docs.getBytes(StandardCharsets.UTF_8)),
                "fleet.yaml", org.rdpdiag.facts.Vocabulary.bundled()));
        assertEquals(3, read.size());
        assertEquals(List.of(), read.get(0).read().tried());
        assertEquals(BOTH, read.get(1).read().tried());
        assertEquals(new FactsLocation("fleet.yaml", 7, 12), read.get(1).read().triedAt(1).orElseThrow());
        FactsException bad = assertThrows(FactsException.class, () -> read.get(2).read());
        assertEquals("fleet.yaml:11:42: error: tried[0].outcome: \"stil-fails\" is not one of still-fails, could-not-apply "
                + "(did you mean 'still-fails'?)", bad.problems().get(0).toString());
        assertEquals(Optional.of("web03"), bad.id());
    }

    @Test
    void aBadTriedCellSpoilsOnlyItsRow() throws IOException {
        String csv = "id,tried,host.tls12ServerEnabled\n"
                + "web01,enable-tls12-server:still-fails,false\n"
                + "web02,enable-tls12-server:stil-fails,false\n"
                + "web03,\"enable-tls12-server:still-fails;start-termservice:could-not-apply\",true\n";
        List<SourceRecord> read = records(new CsvSource(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "fleet.csv", org.rdpdiag.facts.Vocabulary.bundled()));
        assertEquals(3, read.size());
        assertEquals(List.of(BOTH.get(0)), read.get(0).read().tried());
        FactsException bad = assertThrows(FactsException.class, () -> read.get(1).read());
        assertEquals(List.of("fleet.csv:3:7: error: tried[0].outcome: \"stil-fails\" is not one of still-fails, could-not-apply "
                + "(did you mean 'still-fails'?)"), bad.problems().stream().map(FactsProblem::toString).toList());
        assertEquals(Optional.of("web02"), bad.id());
        HostFacts web03 = read.get(2).read();
        assertEquals(BOTH, web03.tried());
        assertEquals(Boolean.TRUE, web03.value("host.tls12ServerEnabled"));
    }
}
