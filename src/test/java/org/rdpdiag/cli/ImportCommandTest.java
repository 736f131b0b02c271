package org.rdpdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.support.Cli;

/** {@code rdpdiag import} as a user runs it: facts out, what was skipped on standard error, exit codes. */
class ImportCommandTest {
    @TempDir
    Path tmp;

    static final String HOST = "{\"format\":\"rdpdiag-evidence\",\"version\":1,\"side\":\"host\",\"computer\":\"RDS01\",\n"
            + "\"collectedAt\":\"2026-12-01T10:02:11Z\",\"items\":[\n"
            + "{\"id\":\"termservice\",\"kind\":\"service\",\"query\":{\"name\":\"TermService\"},\"result\":{\"status\":\"Stopped\",\"startType\":\"Manual\"},\"readAt\":\"2026-12-01T10:02:12Z\"},\n"
            + "{\"id\":\"rdp-listener\",\"kind\":\"listener\",\"query\":{\"port\":3389},\"result\":[],\"readAt\":\"2026-12-01T10:02:12Z\"},\n"
            + "{\"id\":\"someday\",\"kind\":\"registry\",\"query\":{},\"result\":{\"value\":1},\"readAt\":\"2026-12-01T10:02:12Z\"}\n"
            + "]}\n";

    @Test
    void importedFactsDiagnoseWithTheirSourcesAndSkippedItemsAreLocated() throws IOException {
        Path evidence = Files.writeString(tmp.resolve("rds01-host.json"), HOST);
        Path facts = tmp.resolve("rds01.yaml");
        Cli r = Cli.run("import", evidence.toString(), "--out", facts.toString(), "--rules", "rules");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains(evidence + ":5:1: skipped: item 'someday'"), r.err());
        String yaml = Files.readString(facts);
        assertTrue(yaml.contains("termServiceState: \"stopped\""), yaml);
        assertTrue(yaml.contains("id: \"RDS01\""), yaml);
        Cli d = Cli.run("diagnose", facts.toString(), "--rules", "rules");
        assertEquals(0, d.exit(), d.err());
        assertTrue(d.out().contains("FACT SOURCES"), d.out());
        assertTrue(d.out().contains("host.termServiceState: service TermService Stopped"), d.out());
        Cli json = Cli.run("diagnose", facts.toString(), "--rules", "rules", "--format", "json");
        assertTrue(json.out().contains("\"provenance\""), json.out());
    }

    static final String CLIENT = "{\"format\":\"rdpdiag-evidence\",\"version\":1,\"side\":\"client\",\"computer\":\"PC7\",\n"
            + "\"collectedAt\":\"2026-12-01T10:05:00Z\",\"items\":[\n"
            + "{\"id\":\"host-port\",\"kind\":\"tcp-test\",\"query\":{\"host\":\"rds01\",\"port\":3389},\"result\":{\"tcpTestSucceeded\":true},\"readAt\":\"2026-12-01T10:05:01Z\"}\n"
            + "]}\n";

    @Test
    void batchReadsAFolderOfEvidenceAndJoinsAHostWithItsClient() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("fleet"));
        Files.writeString(in.resolve("rds01-host.json"), HOST);
        Files.writeString(in.resolve("rds01-client.json"), CLIENT);
        Files.writeString(in.resolve("rds02-client.json"), CLIENT.replace("PC7", "PC8"));
        Path out = tmp.resolve("out.jsonl");
        Cli r = Cli.run("batch", in.toString(), "--out", out.toString(), "--rules", "rules");
        assertEquals(0, r.exit(), r.err());
        java.util.List<String> lines = Files.readAllLines(out);
        // rds01's two files are one connection; rds02's client file has no host file and stands alone.
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"id\":\"RDS01\"") && lines.get(0).contains("rds01-host.json"), lines.get(0));
        // The stopped service comes from the host file; the open port from the client file rules out a blocked path.
        assertTrue(lines.get(0).contains("termservice-stopped"), lines.get(0));
        assertTrue(lines.get(1).contains("\"id\":\"PC8\"") && lines.get(1).contains("diagnosed"), lines.get(1));
    }

    @Test
    void anInterviewFromEvidenceAsksOnlyWhatTheMachineCouldNotRead() throws IOException {
        Path none = Files.writeString(tmp.resolve("none.yaml"), "id: nobody-knows\n");
        Cli r = Cli.run("ask", "--evidence", "collect/samples/termservice-stopped-host.json", "--answers", none.toString(),
                "--format", "json", "--rules", "rules");
        assertEquals(0, r.exit(), r.err());
        tools.jackson.databind.JsonNode questions = new tools.jackson.databind.ObjectMapper().readTree(r.out()).get("questions");
        java.util.List<String> asked = new java.util.ArrayList<>();
        questions.forEach(q -> asked.add(q.get("fact").asString()));
        assertTrue(asked.size() <= 3, asked.toString());
        assertTrue(asked.stream().noneMatch(f -> f.startsWith("host.")), "the collector read the host: " + asked);
        assertTrue(r.out().contains("termservice-stopped"), "the imported facts decide the report");
    }

    @Test
    void jsonOutputIsAFactsFileToo() throws IOException {
        Path evidence = Files.writeString(tmp.resolve("h.json"), HOST);
        Cli r = Cli.run("import", evidence.toString(), "--format", "json", "--id", "web-7", "--rules", "rules");
        assertEquals(0, r.exit(), r.err());
        Path facts = Files.writeString(tmp.resolve("f.json"), r.out());
        Cli d = Cli.run("diagnose", facts.toString(), "--rules", "rules", "--brief");
        assertEquals(0, d.exit(), d.err());
        assertTrue(d.out().contains("web-7"), d.out());
    }

    @Test
    void aFactsFileGivenAsEvidenceIsBadInput() throws IOException {
        Path notEvidence = Files.writeString(tmp.resolve("facts.json"), "{\"host\": {\"nlaRequired\": true}}");
        Cli r = Cli.run("import", notEvidence.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(notEvidence + ":1:1: error: not an evidence file"), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
    }

    @Test
    void aMissingFileIsBadInput() {
        Cli r = Cli.run("import", tmp.resolve("nope.json").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("nope.json"), r.err());
    }
}
