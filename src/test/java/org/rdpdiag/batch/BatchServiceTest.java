package org.rdpdiag.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.support.TestFleet;

/** The batch service on small inputs: every format, bad records, order, interruption and resuming. */
class BatchServiceTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** What a result says about the host, without where it came from. */
    private static List<String> verdicts(List<HostResult> results) {
        return results.stream().map(r -> r.outcome() + " " + r.causes() + " " + r.ruledOut() + " " + r.plan()).toList();
    }

    @Test
    void everyInputFormatGivesTheSameDiagnosesInInputOrder() throws Exception {
        String jsonl = Fleet.jsonLines(Fleet.HOSTS);
        List<Path> inputs = List.of(
                Fleet.folder(tmp.resolve("folder"), Fleet.HOSTS),
                write("fleet.jsonl", jsonl),
                write("fleet.yaml", Fleet.yamlDocuments(Fleet.HOSTS)),
                write("fleet.csv", Fleet.csv(Fleet.HOSTS)));
        List<List<String>> all = new ArrayList<>();
        for (Path input : inputs) {
            Fleet.Run run = Fleet.run(Fleet.request(List.of(input.toString()), tmp.resolve(input.getFileName() + ".out.jsonl")));
            assertEquals(5, run.summary().diagnosed(), input + ": " + run.lines());
            assertEquals(List.of("web01", "web02", "web03"), run.results().subList(0, 3).stream().map(HostResult::id).toList(), input.toString());
            assertEquals("<script>alert('x')</script>", run.results().get(4).id());
            all.add(verdicts(run.results()));
        }
        Fleet.Run stdin = Fleet.run(Fleet.withStdin(Fleet.request(List.of("-"), tmp.resolve("stdin.out.jsonl")), jsonl));
        assertEquals("<stdin>", stdin.results().get(0).file());
        assertEquals("stdin#4", stdin.results().get(3).id(), "a record without id is named by its source and number");
        all.add(verdicts(stdin.results()));
        for (List<String> v : all) {
            assertEquals(all.get(0), v);
        }
        // And they agree with diagnosing each host on its own.
        for (int i = 0; i < Fleet.HOSTS.size(); i++) {
            HostFacts facts = FactsReader.read(Fleet.JSON.writeValueAsString(Fleet.nested(Fleet.HOSTS.get(i))), "h.json",
                    FactsReader.Format.JSON);
            HostResult alone = BatchService.diagnosed(i + 1, new SourceRecord("h.json", 1, 1, "h", 0, () -> facts),
                    Fleet.service().diagnose(facts), 3);
            assertEquals(verdicts(List.of(alone)).get(0), all.get(0).get(i));
        }
        HostResult web01 = ResultLines.parse(Files.readAllLines(tmp.resolve("fleet.jsonl.out.jsonl")).get(0));
        assertEquals(new HostResult.RankedCause("tls12-disabled", org.rdpdiag.engine.Status.CONFIRMED, 0.85, false), web01.leading());
        assertTrue(web01.plan().contains("enable-tls12-server"), web01.plan().toString());
    }

    @Test
    void theFolderIsReadInNameOrderAndOtherFilesAreSkipped() throws Exception {
        Path dir = Fleet.folder(tmp.resolve("folder"), Fleet.HOSTS);
        Fleet.Run run = Fleet.run(Fleet.request(List.of(dir.toString()), tmp.resolve("out.jsonl")));
        assertEquals(List.of("h1.yaml", "h2.json", "h3.yaml", "h4.yaml", "h5.yaml"),
                run.results().stream().map(r -> Path.of(r.file()).getFileName().toString()).toList());
        assertEquals("h4", run.results().get(3).id(), "a facts file without id is named by its file, as diagnose does");
    }

    @Test
    void badRecordsAreReportedWhereTheyAreAndEveryGoodOneIsDiagnosed() throws Exception {
        Path fleet = tmp.resolve("mixed.jsonl");
        StringBuilder text = new StringBuilder();
        List<Integer> bad = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            if (i % 37 == 5) {
                text.append('\n'); // blank lines do not count as records
            }
            if (i % 23 == 7) {
                bad.add(i);
                text.append(i % 2 == 0 ? TestFleet.invalidJsonLine(i) : "{\"id\": \"" + TestFleet.id(i) + "\", \"host\": {")
                        .append('\n');
            } else {
                text.append(TestFleet.jsonLine(i)).append('\n');
            }
        }
        Files.writeString(fleet, text);
        Fleet.Run run = Fleet.run(Fleet.request(List.of(fleet.toString()), tmp.resolve("out.jsonl")));
        assertEquals(300, run.lines().size());
        assertEquals(300 - bad.size(), run.summary().diagnosed());
        assertEquals(bad.size(), run.summary().invalid());
        List<String> lines = Files.readAllLines(fleet);
        for (int i = 0; i < 300; i++) {
            HostResult r = run.results().get(i);
            assertEquals(i + 1, r.index());
            boolean syntaxError = bad.contains(i) && i % 2 == 1;
            assertEquals(syntaxError ? "mixed#" + (i + 1) : TestFleet.id(i), r.id(),
                    "records keep the id they give themselves, even when invalid, unless they cannot be parsed");
            assertEquals(lines.get(r.line() - 1).isBlank(), false);
            assertTrue(lines.get(r.line() - 1).contains("\"" + TestFleet.id(i) + "\""), "line " + r.line() + " is host " + i);
            assertEquals(bad.contains(i), r.outcome() == HostResult.Outcome.INVALID, "host " + i);
            if (bad.contains(i)) {
                String error = r.problems().get(0).toString();
                assertTrue(error.startsWith(fleet + ":" + r.line() + ":"), error);
                assertTrue(i % 2 == 0 ? error.contains("host.nlaRequired: expected true or false") : error.contains("ends before"),
                        error);
            }
        }
    }

    @Test
    void aYamlDocumentIsLocatedInTheWholeFile() throws Exception {
        Path yaml = write("fleet.yaml", """
                # three hosts
                ---
                id: a
                host: {nlaRequired: true}
                ---
                id: b
                host:
                  nlaRequired: yes
                  nlaRequired: true
                --- {id: c, host: {certificateState: expird}}
                """);
        Fleet.Run run = Fleet.run(Fleet.request(List.of(yaml.toString()), tmp.resolve("out.jsonl")));
        assertEquals(List.of(2, 5, 10), run.results().stream().map(HostResult::line).toList());
        List<String> b = run.results().get(1).problems().stream().map(Object::toString).toList();
        assertEquals(List.of(yaml + ":8:16: error: host.nlaRequired: expected true or false, found string \"yes\" (did you mean true?)",
                yaml + ":9:3: error: duplicate key 'nlaRequired' in section 'host'; it was already given at line 8, column 3 "
                        + "(keep only one of them)"), b);
        assertEquals(yaml + ":10:38: error: host.certificateState: \"expird\" is not one of valid, expired, missing, corrupt "
                + "(did you mean 'expired'?)", run.results().get(2).problems().get(0).toString());
        assertEquals("b", run.results().get(1).id());
    }

    @Test
    void aYamlFileOfOneDocumentNamesItsHostLikeAFactsFile() throws Exception {
        Path one = write("web09.yaml", "# one host\nhost: {tls12ServerEnabled: false}\n");
        Path two = write("pair.yaml", "host: {tls12ServerEnabled: false}\n---\nhost: {tls12ServerEnabled: true}\n...\n");
        Fleet.Run run = Fleet.run(Fleet.request(List.of(one.toString(), two.toString()), tmp.resolve("out.jsonl")));
        assertEquals(List.of("web09", "pair#1", "pair#2"), run.results().stream().map(HostResult::id).toList());
        assertEquals(List.of(1, 1, 2), run.results().stream().map(HostResult::line).toList());
    }

    @Test
    void csvCellsAreTypedByTheSchemaAndLocatedByRowAndColumn() throws Exception {
        Path csv = write("fleet.csv", "\uFEFFid;host.nlaRequired;host.eventIdsSeen;client.osBuild;host.os\r\n"
                + "a;true;1058 36870;22631;\"Windows Server; 2022\"\r\n"
                + "b;yes;;;\r\n"
                + "c;;[];abc;\"two\nlines\"\r\n"
                + "\r\n"
                + "d;false;[36870];-5;x\r\n");
        Fleet.Run run = Fleet.run(Fleet.request(List.of(csv.toString()), tmp.resolve("out.jsonl")));
        assertEquals(List.of("a", "b", "c", "d"), run.results().stream().map(HostResult::id).toList());
        assertEquals(List.of(2, 3, 4, 7), run.results().stream().map(HostResult::line).toList());
        assertEquals(HostResult.Outcome.DIAGNOSED, run.results().get(0).outcome());
        assertEquals(csv + ":3:3: error: host.nlaRequired: expected true or false, found string \"yes\" (did you mean true?)",
                run.results().get(1).problems().get(0).toString());
        assertEquals(csv + ":4:7: error: client.osBuild: expected a whole number, found string \"abc\"",
                run.results().get(2).problems().get(0).toString());
        assertTrue(run.results().get(3).problems().get(0).toString().startsWith(csv + ":7:17: error: client.osBuild: -5 is out of range"),
                run.results().get(3).problems().toString());
    }

    @Test
    void anUnknownCsvColumnIsReportedOnceWithTheClosestPath() throws Exception {
        Path csv = write("fleet.csv", "id,host.tls12ServerEnabeld,nlaRequired\na,false,true\n");
        Path jsonl = write("more.jsonl", Fleet.jsonLines(Fleet.HOSTS.subList(0, 1)));
        Fleet.Run run = Fleet.run(Fleet.request(List.of(csv.toString(), jsonl.toString()), tmp.resolve("out.jsonl")));
        assertEquals(2, run.lines().size(), "the header is one bad record; the next input still runs");
        List<String> problems = run.results().get(0).problems().stream().map(Object::toString).toList();
        assertEquals(List.of(csv + ":1:4: error: unknown column 'host.tls12ServerEnabeld': not the path of an observation "
                        + "(did you mean 'host.tls12ServerEnabled'?)",
                csv + ":1:28: error: unknown column 'nlaRequired': not the path of an observation (did you mean "
                        + "'host.nlaRequired'?)"), problems);
        assertEquals(HostResult.Outcome.DIAGNOSED, run.results().get(1).outcome());
    }

    @Test
    void resultsStayInInputOrderWhateverTheThreads() throws Exception {
        Path fleet = tmp.resolve("fleet.jsonl");
        TestFleet.writeJsonLines(fleet, 1500, 0);
        BatchService.Request one = new BatchService.Request(List.of(fleet.toString()), InputFormat.AUTO, null,
                tmp.resolve("one.jsonl"), null, null, null, false, 1, 3);
        BatchService.Request four = new BatchService.Request(List.of(fleet.toString()), InputFormat.AUTO, null,
                tmp.resolve("four.jsonl"), null, null, null, false, 4, 3);
        Fleet.Run a = Fleet.run(one);
        Fleet.Run b = Fleet.run(four);
        assertEquals(LongStream.rangeClosed(1, 1500).boxed().toList(), b.results().stream().map(HostResult::index).toList());
        assertEquals(a.lines(), b.lines());
    }

    @Test
    void aStoppedRunEndsOnWholeLinesAndResumingCompletesItExactly() throws Exception {
        Path fleet = tmp.resolve("fleet.jsonl");
        // Large enough that a stop at the first chunk leaves records unread (those read are all finished).
        TestFleet.writeJsonLines(fleet, 8000, 97);
        Path fullOut = tmp.resolve("full.jsonl");
        Path fullCsv = tmp.resolve("full.csv");
        Fleet.Run full = Fleet.run(Fleet.outputs(Fleet.request(List.of(fleet.toString()), fullOut), fullCsv, null, false));

        Path out = tmp.resolve("out.jsonl");
        Path csv = tmp.resolve("out.csv");
        AtomicBoolean stop = new AtomicBoolean();
        BatchListener stopEarly = new BatchListener() {
            @Override
            public void progress(Progress now) {
                stop.set(true);
            }
        };
        Fleet.Run stopped = Fleet.run(Fleet.batch(),
                Fleet.outputs(Fleet.request(List.of(fleet.toString()), out), csv, null, false), stopEarly, stop);
        assertTrue(stopped.summary().interrupted());
        assertTrue(stopped.lines().size() < 8000 && stopped.lines().size() >= BatchService.CHUNK, "lines: " + stopped.lines().size());
        assertTrue(Files.readString(out).endsWith("\n"));
        assertEquals(full.lines().subList(0, stopped.lines().size()), stopped.lines());

        // A kill in the middle of a write leaves a partial line; resuming cuts it.
        Files.writeString(out, "{\"index\": 99999, \"id\": \"half", java.nio.file.StandardOpenOption.APPEND);
        Fleet.Run resumed = Fleet.run(Fleet.outputs(Fleet.request(List.of(fleet.toString()), out), csv, null, true));
        assertEquals(stopped.lines().size(), resumed.summary().resumed());
        assertEquals(full.lines(), resumed.lines());
        assertEquals(Files.readString(fullCsv), Files.readString(csv), "the CSV is rebuilt and continued");
        assertEquals(full.summary().invalid(), resumed.summary().invalid(), "counts cover the resumed part too");
        assertFalse(resumed.summary().interrupted());
    }

    @Test
    void resumingWithOtherInputsOrAForeignFileIsRefused() throws Exception {
        Path fleet = write("fleet.jsonl", Fleet.jsonLines(Fleet.HOSTS));
        Path out = tmp.resolve("out.jsonl");
        Fleet.run(Fleet.request(List.of(fleet.toString()), out));
        String before = Files.readString(out);
        Path other = write("other.jsonl", Fleet.jsonLines(Fleet.HOSTS.subList(0, 2)));
        BatchException e = assertThrows(BatchException.Usage.class,
                () -> Fleet.run(Fleet.outputs(Fleet.request(List.of(other.toString()), out), null, null, true)));
        assertTrue(e.getMessage().contains("holds the results of another run"), e.getMessage());
        assertEquals(before, Files.readString(out), "a refused resume leaves the results as they were");
        // The same input file, cut short since: it has fewer records than the results.
        Files.writeString(fleet, Fleet.jsonLines(Fleet.HOSTS.subList(0, 2)));
        e = assertThrows(BatchException.Usage.class,
                () -> Fleet.run(Fleet.outputs(Fleet.request(List.of(fleet.toString()), out), null, null, true)));
        assertTrue(e.getMessage().contains("only 2 records"), e.getMessage());
        Path foreign = write("foreign.jsonl", "{\"something\": 1}\n");
        Path csv = write("keep.csv", "someone's spreadsheet\n");
        e = assertThrows(BatchException.Usage.class,
                () -> Fleet.run(Fleet.outputs(Fleet.request(List.of(fleet.toString()), foreign), csv, null, true)));
        assertTrue(e.getMessage().contains("not a result line"), e.getMessage());
        assertEquals("someone's spreadsheet\n", Files.readString(csv), "a refused resume touches no output");
        assertEquals("{\"something\": 1}\n", Files.readString(foreign));
    }

    @Test
    void missingInputsAndClashingOutputsAreUsageErrors() {
        assertThrows(BatchException.Usage.class,
                () -> Fleet.run(Fleet.request(List.of(tmp.resolve("none.jsonl").toString()), tmp.resolve("o.jsonl"))));
        Path in = tmp.resolve("in.jsonl");
        assertThrows(BatchException.Usage.class, () -> {
            Files.writeString(in, "{}\n");
            Fleet.run(Fleet.request(List.of(in.toString()), in));
        });
    }

    @Test
    void theCsvSummaryQuotesAndDefusesWhatComesFromTheInput() throws Exception {
        Map<String, Object> hostile = Fleet.host("=HYPERLINK(\"http://x\"),\"a\nb\"", "0x904", "0x7", false, null, null, null);
        Path fleet = write("fleet.jsonl", Fleet.jsonLines(List.of(hostile, Fleet.HOSTS.get(1))));
        Path csv = tmp.resolve("out.csv");
        Fleet.run(Fleet.outputs(Fleet.request(List.of(fleet.toString()), tmp.resolve("out.jsonl")), csv, null, false));
        List<List<String>> rows = new ArrayList<>();
        try (var it = tools.jackson.dataformat.csv.CsvMapper.builder().build().readerFor(List.class)
                .with(tools.jackson.dataformat.csv.CsvSchema.emptySchema())
                .with(tools.jackson.dataformat.csv.CsvReadFeature.WRAP_AS_ARRAY).readValues(csv.toFile())) {
            while (it.hasNext()) {
                @SuppressWarnings("unchecked")
                List<String> row = (List<String>) it.next();
                rows.add(row);
            }
        }
        assertEquals(ResultLines.CSV_COLUMNS, rows.get(0));
        assertEquals(3, rows.size(), "a line break inside a cell does not start a row");
        assertEquals("'=HYPERLINK(\"http://x\"),\"a\\nb\"", rows.get(1).get(1), "a formula is defused, the line break shown");
        assertEquals("tls12-disabled", rows.get(1).get(5));
        assertEquals("web02", rows.get(2).get(1));
    }
}
