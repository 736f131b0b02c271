package org.rdpdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.support.Cli;

/** {@code rdpdiag batch} as users call it: outputs, standard input and output, and exit codes. */
class BatchCommandTest {
    private static final String GOOD = """
            {"id": "web01", "error": {"mainCode": "0x904", "extendedCode": "0x7"}, "host": {"tls12ServerEnabled": false}}
            {"id": "web02", "host": {"certificateState": "expired"}}
            """;
    private static final String BAD = "{\"id\": \"web03\", \"host\": {\"nlaRequired\": \"yes\"}}\n";

    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void allGoodRecordsExitZeroWithEveryOutputAndOneSummaryLine() throws IOException {
        Path in = file("fleet.jsonl", GOOD);
        Path out = tmp.resolve("out.jsonl");
        Cli r = Cli.run("batch", in.toString(), "--out", out.toString(), "--csv", tmp.resolve("out.csv").toString(),
                "--report", tmp.resolve("out.html").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out(), "standard output stays clean");
        assertEquals(2, Files.readAllLines(out).size());
        assertEquals(3, Files.readAllLines(tmp.resolve("out.csv")).size());
        assertTrue(Files.readString(tmp.resolve("out.html")).contains("web02"));
        List<String> err = r.err().lines().toList();
        assertEquals(1, err.size(), "one summary line when standard error is not a terminal: " + r.err());
        assertTrue(err.get(0).matches("rdpdiag batch: 2 records in [0-9.]+ s \\([0-9,]+/s\\): 2 diagnosed, 0 invalid, 0 failed -> .*"),
                err.get(0));
    }

    @Test
    void invalidRecordsExitOneAndTheRunGoesOn() throws IOException {
        Path in = file("fleet.jsonl", BAD + GOOD);
        Cli r = Cli.run("batch", in.toString(), "--out", tmp.resolve("out.jsonl").toString(), "--quiet");
        assertEquals(1, r.exit(), r.err());
        assertEquals("", r.err(), "--quiet prints nothing");
        List<String> lines = Files.readAllLines(tmp.resolve("out.jsonl"));
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).contains("\"result\":\"invalid\"") && lines.get(0).contains(in + ":1:41: error: host.nlaRequired"),
                lines.get(0));
        assertTrue(lines.get(2).contains("\"id\":\"web02\"") && lines.get(2).contains("\"result\":\"diagnosed\""));
    }

    @Test
    void standardInputToStandardOutput() {
        Cli r = Cli.runWithInput(GOOD, "batch", "-", "--out", "-", "--quiet");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("{\"index\":1,\"id\":\"web01\",\"file\":\"<stdin>\",\"line\":1,"), lines.get(0));
    }

    @Test
    void csvFromStandardInputIsRecognisedByItsContent() {
        Cli r = Cli.runWithInput("id,host.tls12ServerEnabled\nweb01,false\n", "batch", "-", "--out", "-", "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"id\":\"web01\"") && r.out().contains("tls12-disabled"), r.out());
    }

    @Test
    void badUsageExitsTwo() throws IOException {
        Cli missing = Cli.run("batch", tmp.resolve("nothing.jsonl").toString(), "--out", tmp.resolve("o.jsonl").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("nothing.jsonl: no such file or folder"), missing.err());
        Cli noOut = Cli.run("batch", file("f.jsonl", GOOD).toString());
        assertEquals(2, noOut.exit());
        assertTrue(noOut.err().contains("--out"), noOut.err());
        Cli resumeStdout = Cli.run("batch", file("g.jsonl", GOOD).toString(), "--out", "-", "--resume");
        assertEquals(2, resumeStdout.exit());
        assertTrue(resumeStdout.err().contains("--resume needs --out FILE"), resumeStdout.err());
        assertFalse(resumeStdout.err().contains("\tat "), "no stack trace");
    }

    @Test
    void aRecordThatBreaksAnAuthorsRulesIsReportedAndTheOthersAreDiagnosed() throws IOException {
        Path rules = tmp.resolve("rules");
        Files.createDirectories(rules);
        try (var files = Files.list(Path.of("rules"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.copy(p, rules.resolve(p.getFileName()));
            }
        }
        Files.writeString(rules.resolve("boom.drl"), """
                package rdpdiag.boom;
                import org.rdpdiag.facts.*;
                import function org.rdpdiag.engine.Conclusions.conclude;
                rule "boom: build 13 breaks this rule"
                when
                    Host( osBuild == 13 )
                    eval( Integer.parseInt("kaboom") > 0 )
                then
                    conclude(drools);
                end
                """);
        Path in = file("fleet.jsonl", GOOD + "{\"id\": \"odd\", \"host\": {\"osBuild\": 13}}\n" + GOOD);
        Path out = tmp.resolve("out.jsonl");
        Cli r = Cli.run("batch", in.toString(), "--out", out.toString(), "--rules", rules.toString(), "--no-cache");
        assertEquals(1, r.exit(), "an author's rules failing is reported as records not diagnosed: " + r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(5, lines.size());
        assertTrue(lines.get(2).contains("\"id\":\"odd\"") && lines.get(2).contains("\"result\":\"failed\"")
                && lines.get(2).contains("boom.drl:4: rule \\\"boom: build 13 breaks this rule\\\"")
                && lines.get(2).contains("kaboom"), lines.get(2));
        assertEquals(4, lines.stream().filter(l -> l.contains("\"result\":\"diagnosed\"")).count());
        assertTrue(r.err().contains("4 diagnosed, 0 invalid, 1 failed"), r.err());
    }

    @Test
    void theProgressBarShowsShareRateTimeLeftAndProblems() {
        // Half the bytes in 10 s: 5,000 hosts at 500/s, and as long again to go.
        org.rdpdiag.batch.Progress p = new org.rdpdiag.batch.Progress(5000, 3, 0, 0, 50_000, 0, 100_000, 10_000_000_000L);
        assertEquals("[############............]  50%  5,000 hosts  500/s  0:10 left  3 invalid", ProgressDisplay.line(p));
        org.rdpdiag.batch.Progress unknownSize = new org.rdpdiag.batch.Progress(12, 0, 1, 0, 900, 0, -1, 2_000_000_000L);
        assertEquals("12 hosts  6/s  1 failed", ProgressDisplay.line(unknownSize), "standard input: no share, no time left");
        assertEquals("1:01:01", ProgressDisplay.duration(3661));
    }

    @Test
    void outputsThatCannotBeWrittenAreUserErrorsNamingTheFile() throws IOException {
        Path in = file("fleet.jsonl", GOOD);
        Path blocker = file("plain-file", "x\n");
        Cli r = Cli.run("batch", in.toString(), "--out", blocker.resolve("out.jsonl").toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("rdpdiag: cannot write " + blocker.resolve("out.jsonl") + ": a part of the path is not a folder\n",
                r.err().replace("\r", ""));
        if (Files.exists(Path.of("/dev/full"))) {
            r = Cli.run("batch", in.toString(), "--out", "/dev/full", "-q");
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().startsWith("rdpdiag: cannot write /dev/full: no space left on device. Free some space, then "
                    + "run the same command with --resume"), r.err());
            assertFalse(r.err().contains("internal error"), r.err());
        }
    }

    @Test
    void resumingAnotherInputsResultsExitsTwoAndKeepsThem() throws IOException {
        Path first = file("first.jsonl", GOOD);
        Path other = file("other.jsonl", BAD);
        Path out = tmp.resolve("results.jsonl");
        assertEquals(0, Cli.run("batch", first.toString(), "--out", out.toString(), "-q").exit());
        String results = Files.readString(out);
        Cli r = Cli.run("batch", other.toString(), "--out", out.toString(), "--resume", "-q");
        assertEquals(2, r.exit(), r.err());
        assertEquals(results, Files.readString(out));
    }

    @Test
    void aRecordWithATriedStepTheKnowledgeBaseDoesNotKnowIsInvalidAndTheOthersAreDiagnosed() throws IOException {
        Path in = file("fleet.jsonl", GOOD
                + "{\"id\": \"web04\", \"tried\": [{\"step\": \"enable-tls12-servr\", \"outcome\": \"still-fails\"}]}\n"
                + "{\"id\": \"web05\", \"tried\": [{\"step\": \"enable-tls12-server\", \"outcome\": \"still-fails\"}]}\n");
        Cli r = Cli.run("batch", in.toString(), "--out", tmp.resolve("out.jsonl").toString(), "--quiet");
        assertEquals(1, r.exit(), r.err());
        List<String> lines = Files.readAllLines(tmp.resolve("out.jsonl"));
        assertEquals(4, lines.size());
        assertTrue(lines.get(2).contains("\"id\":\"web04\"") && lines.get(2).contains("\"result\":\"invalid\"")
                && lines.get(2).contains(in + ":3:36: error: tried[0].step: no step with id 'enable-tls12-servr' in the knowledge base"),
                lines.get(2));
        assertTrue(lines.get(3).contains("\"id\":\"web05\"") && lines.get(3).contains("\"result\":\"diagnosed\""), lines.get(3));
    }
}
