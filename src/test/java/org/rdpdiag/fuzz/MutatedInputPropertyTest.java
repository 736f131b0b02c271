package org.rdpdiag.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.authoring.CaseReader;
import org.rdpdiag.batch.BatchListener;
import org.rdpdiag.batch.BatchService;
import org.rdpdiag.batch.HostResult;
import org.rdpdiag.batch.InputFormat;
import org.rdpdiag.batch.ResultLines;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsProblem;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.report.JsonReport;
import org.rdpdiag.report.MarkdownReport;
import org.rdpdiag.report.ReportOptions;
import org.rdpdiag.report.TextReport;
import org.rdpdiag.support.Cli;
import org.rdpdiag.support.Examples;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Seeded mutation testing of every input the tool reads: the example facts files (YAML and
 * JSON), JSON Lines and CSV fleets. Whatever the damage: a facts file is either diagnosed and
 * rendered or refused with located problems, never anything else; in a batch, every record the
 * mutation did not touch comes out exactly once, with the result it has undamaged; and the
 * command line never exits 3 or prints a stack trace. The seed and the count are fixed so CI
 * runs the same 10,000+ mutations every time; {@code -Drdpdiag.fuzz.seed=N} explores others.
 * A failing input is saved under {@code target/fuzz-failures/}.
 */
class MutatedInputPropertyTest {
    private static final long SEED = Long.getLong("rdpdiag.fuzz.seed", 20261207L);
    private static final int FACTS_MUTATIONS = Integer.getInteger("rdpdiag.fuzz.facts", 8500);
    private static final int FLEETS = Integer.getInteger("rdpdiag.fuzz.fleets", 40);
    private static final int FLEET_SIZE = 60;
    private static final int MUTATED_PER_FLEET = 40;

    private static final List<byte[]> SEEDS = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void seeds() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        YAMLMapper yaml = YAMLMapper.builder().build();
        for (Path p : Examples.files()) {
            byte[] text = Files.readAllBytes(p);
            SEEDS.add(text);
            SEEDS.add(json.writeValueAsBytes(yaml.readTree(text)));
        }
    }

    @Test
    void aDamagedFactsFileIsDiagnosedOrRefusedWithLocatedProblemsNeverAnythingElse() throws Exception {
        Mutator m = new Mutator(SEED);
        int refused = 0;
        for (int i = 0; i < FACTS_MUTATIONS; i++) {
            int seed = m.nextInt(SEEDS.size());
            Mutator.Mutation mutation = m.mutate(SEEDS.get(seed), false);
            Path file = tmp.resolve(seed % 2 == 0 ? "host.yaml" : "host.json");
            Files.write(file, mutation.bytes());
            try {
                HostFacts facts;
                try {
                    facts = CaseReader.factsOf(file);
                } catch (FactsException e) {
                    refused++;
                    assertFalse(e.problems().isEmpty(), "a refusal names its problems");
                    for (FactsProblem p : e.problems()) {
                        assertTrue(p.line() >= 1 && p.column() >= 1 && p.file().equals(file.toString()), "located: " + p);
                    }
                    continue;
                }
                Diagnosis d = Examples.diagnose(facts);
                ReportOptions options = new ReportOptions(i % 7 == 0, false, file.toString());
                String report = switch (i % 3) {
                    case 0 -> TextReport.render(d, options);
                    case 1 -> MarkdownReport.render(d, options);
                    default -> JsonReport.render(d, options);
                };
                assertFalse(report.isEmpty());
            } catch (Throwable t) {
                fail(failure("facts", i, mutation, t));
            }
        }
        // The mutations must reach both outcomes, or the property says little.
        assertTrue(refused > FACTS_MUTATIONS / 10 && refused < FACTS_MUTATIONS * 9 / 10, "refused " + refused);
    }

    @Test
    void inADamagedJsonLinesFleetEveryUntouchedRecordComesOutOnceAndUnchanged() throws Exception {
        Mutator m = new Mutator(SEED + 1);
        JsonMapper json = JsonMapper.builder().build();
        YAMLMapper yaml = YAMLMapper.builder().build();
        List<String> clean = new ArrayList<>();
        for (int k = 0; k < FLEET_SIZE; k++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> host = yaml.readValue(Files.readAllBytes(Examples.files().get(k % Examples.files().size())),
                    LinkedHashMap.class);
            host.put("id", id(k));
            clean.add(latin1(json.writeValueAsString(host)));
        }
        Map<String, String> expected = results(Files.write(tmp.resolve("clean.jsonl"), latin1Lines(clean)), InputFormat.JSONL);
        for (int fleet = 0; fleet < FLEETS; fleet++) {
            List<String> damaged = new ArrayList<>(clean);
            Map<Integer, Mutator.Mutation> touched = new HashMap<>();
            for (int j = 0; j < MUTATED_PER_FLEET; j++) {
                int k = m.nextInt(FLEET_SIZE);
                Mutator.Mutation mutation = m.mutate(damaged.get(k).getBytes(StandardCharsets.ISO_8859_1), true);
                touched.put(k, mutation);
                damaged.set(k, new String(mutation.bytes(), StandardCharsets.ISO_8859_1));
            }
            byte[] bytes = latin1Lines(damaged);
            checkUntouched("jsonl", fleet, bytes, ".jsonl", InputFormat.JSONL, expected, touched);
        }
    }

    @Test
    void inADamagedCsvFleetEveryUntouchedRowComesOutOnceAndUnchanged() throws Exception {
        Mutator m = new Mutator(SEED + 2);
        String header = "id,error.mainCode,error.extendedCode,host.tls12ServerEnabled,host.certificateState,"
                + "host.termServiceState,network.vpnInUse,error.dialogText";
        String[] certificates = {"valid", "expired", "missing", ""};
        String[] services = {"running", "stopped", ""};
        List<String> clean = new ArrayList<>();
        for (int k = 0; k < FLEET_SIZE; k++) {
            clean.add(id(k) + ",0x904,0x7," + (k % 3 == 0 ? "false" : k % 3 == 1 ? "true" : "") + ","
                    + certificates[k % 4] + "," + services[k % 3] + "," + (k % 2 == 0) + ",An internal error has occurred");
        }
        Map<String, String> expected = results(Files.write(tmp.resolve("clean.csv"), latin1Lines(prepend(header, clean))),
                InputFormat.CSV);
        for (int fleet = 0; fleet < FLEETS / 2; fleet++) {
            List<String> damaged = new ArrayList<>(clean);
            Map<Integer, Mutator.Mutation> touched = new HashMap<>();
            for (int j = 0; j < MUTATED_PER_FLEET; j++) {
                int k = m.nextInt(FLEET_SIZE);
                Mutator.Mutation mutation;
                do {
                    // A quote or line break is CSV structure: it may rightly swallow the rows after it.
                    mutation = m.mutate(damaged.get(k).getBytes(StandardCharsets.ISO_8859_1), true);
                } while (structural(mutation.bytes()) != structural(damaged.get(k).getBytes(StandardCharsets.ISO_8859_1)));
                touched.put(k, mutation);
                damaged.set(k, new String(mutation.bytes(), StandardCharsets.ISO_8859_1));
            }
            checkUntouched("csv", fleet, latin1Lines(prepend(header, damaged)), ".csv", InputFormat.CSV, expected, touched);
        }
    }

    @Test
    void theCommandLineNeverExitsThreeNorPrintsAStackTraceOnDamagedInput() throws Exception {
        Mutator m = new Mutator(SEED + 3);
        for (int i = 0; i < 40; i++) {
            int seed = m.nextInt(SEEDS.size());
            Mutator.Mutation mutation = m.mutate(SEEDS.get(seed), false);
            Path file = Files.write(tmp.resolve(seed % 2 == 0 ? "h" + i + ".yaml" : "h" + i + ".json"), mutation.bytes());
            Cli r = i % 2 == 0 ? Cli.run("diagnose", file.toString(), "--format", i % 4 == 0 ? "markdown" : "text")
                    : Cli.run("batch", file.toString(), "--out", tmp.resolve("out" + i + ".jsonl").toString(), "-q");
            assertTrue(r.exit() >= 0 && r.exit() <= 2, failure("cli", i, mutation, null) + "\nexit " + r.exit() + ": " + r.err());
            assertFalse(r.err().contains("\tat ") || r.err().contains("internal error") || r.err().contains("Exception"),
                    failure("cli", i, mutation, null) + "\n" + r.err());
        }
    }

    /** Runs a fleet and checks every record no mutation touched: one result each, as in the clean run. */
    private void checkUntouched(String what, int fleet, byte[] bytes, String ext, InputFormat format,
            Map<String, String> expected, Map<Integer, Mutator.Mutation> touched) throws Exception {
        Path file = Files.write(tmp.resolve("fleet-" + fleet + ext), bytes);
        Map<String, List<String>> byId;
        try {
            byId = resultsById(file, format);
        } catch (Throwable t) {
            fail(failure(what, fleet, new Mutator.Mutation("fleet with " + touched.size() + " damaged records", bytes), t));
            return;
        }
        for (int k = 0; k < FLEET_SIZE; k++) {
            if (touched.containsKey(k)) {
                continue;
            }
            List<String> got = byId.getOrDefault(id(k), List.of());
            assertEquals(List.of(expected.get(id(k))), got, failure(what, fleet,
                    new Mutator.Mutation("untouched record " + id(k), bytes), null));
        }
    }

    /** The results of a clean fleet, by host id. */
    private Map<String, String> results(Path file, InputFormat format) throws Exception {
        Map<String, String> out = new HashMap<>();
        resultsById(file, format).forEach((id, list) -> {
            assertEquals(1, list.size(), id);
            out.put(id, list.get(0));
        });
        assertEquals(FLEET_SIZE, out.size());
        return out;
    }

    /** Each host's result, without the parts that depend on where it stands: its position and file. */
    private Map<String, List<String>> resultsById(Path file, InputFormat format) throws Exception {
        Path out = tmp.resolve("results.jsonl");
        Files.deleteIfExists(out);
        new BatchService(Examples.service()).run(new BatchService.Request(List.of(file.toString()), format, null, out, null,
                null, null, false, 2, 3), BatchListener.NONE, new AtomicBoolean());
        Map<String, List<String>> byId = new HashMap<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            HostResult r = ResultLines.parse(line);
            String gist = r.outcome() + " " + r.causes() + " " + r.ruledOut() + " " + r.plan();
            byId.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(gist);
        }
        return byId;
    }

    /** Ids that no single flipped byte turns into another record's id. */
    private static String id(int k) {
        return "h" + k + "-" + k;
    }

    private static int structural(byte[] b) {
        int n = 0;
        for (byte x : b) {
            n += x == '"' || x == '\n' || x == '\r' ? 1 : 0;
        }
        return n;
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** UTF-8 text held one byte per char, so that damaged bytes survive the trip through a String. */
    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static byte[] latin1Lines(List<String> lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String failure(String what, int n, Mutator.Mutation mutation, Throwable t) {
        Path saved = Path.of("target", "fuzz-failures", what + "-" + SEED + "-" + n + ".bin");
        try {
            Files.createDirectories(saved.getParent());
            Files.write(saved, mutation.bytes());
        } catch (Exception e) {
            saved = null;
        }
        return what + " mutation " + n + " (seed " + SEED + ", " + mutation.kind() + ", input saved as " + saved + ")"
                + (t == null ? "" : ": " + t);
    }
}
