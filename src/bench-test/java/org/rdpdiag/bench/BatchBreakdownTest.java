package org.rdpdiag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.engine.Engine;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.support.Examples;
import org.rdpdiag.support.TestKnowledge;

/** The per-host breakdown of {@code bench batch}: what it times must be what a batch run does. */
class BatchBreakdownTest {
    @TempDir
    Path dir;

    @Test
    void theRuleSessionAloneFiresExactlyTheRulesOfAFullRun() {
        Engine engine = TestKnowledge.engine();
        FleetGenerator fleet = new FleetGenerator(7);
        for (long i = 0; i < 40; i++) {
            HostFacts facts = FactsReader.read(fleet.jsonLine(i), "host-" + i, FactsReader.Format.JSON);
            assertEquals(engine.run(facts).trace().size(), BatchBenchmark.ruleSessionAlone(engine.knowledgeBase(), facts),
                    "host " + i);
        }
    }

    @Test
    void measuresEveryStageOverTheFirstHostsOfTheFile() throws Exception {
        Path file = dir.resolve("fleet.jsonl");
        new FleetGenerator(3).writeJsonLines(file, 50, 0);
        BatchBenchmark.Breakdown b = BatchBenchmark.breakdown(Examples.service(), file, 30, 1);

        assertEquals(30, b.hosts(), "only the first 30 of the 50 hosts");
        assertTrue(b.readMicros() > 0 && b.rulesMicros() > 0 && b.diagnosisMicros() > 0 && b.lineMicros() > 0, b.toString());
        double firings = 0;
        Engine engine = TestKnowledge.engine();
        List<String> lines = Files.readAllLines(file).subList(0, 30);
        for (String line : lines) {
            firings += BatchBenchmark.ruleSessionAlone(engine.knowledgeBase(), FactsReader.read(line, "x", FactsReader.Format.JSON));
        }
        assertEquals(firings / 30, b.firings(), 1e-9);
        assertEquals(b.readMicros() / (b.readMicros() + b.diagnosisMicros() + b.lineMicros()), b.expectedRatio(), 1e-12);
    }

    @Test
    void readingAloneCountsEveryRecordAndTheInvalidOnesWhateverTheThreads() throws Exception {
        Path file = dir.resolve("fleet.jsonl");
        new FleetGenerator(4).writeJsonLines(file, 1000, 7);
        // A blank line is no record; a last line without its line break still is one.
        String text = Files.readString(file);
        Files.writeString(file, "\n  \n" + text.substring(0, text.length() - 1));
        for (int threads : new int[] {1, 3}) {
            ReadAndValidate.Count count = ReadAndValidate.run(file, threads);
            assertEquals(1000, count.records(), threads + " threads");
            assertEquals(1000 / 7, count.invalid(), threads + " threads");
        }
    }

    @Test
    void aRecordLongerThanTheReadBlockIsReadWhole() throws Exception {
        Path file = dir.resolve("long.jsonl");
        String padding = " ".repeat(200_000);
        Files.writeString(file, "{\"id\": \"a\"," + padding + "\"host\": {\"nlaRequired\": true}}\n"
                + "{\"id\": \"b\", \"host\": {\"nlaRequired\": \"yes\"}}\n");
        ReadAndValidate.Count count = ReadAndValidate.run(file, 2);
        assertEquals(2, count.records());
        assertEquals(1, count.invalid(), "only the second is invalid: the first arrived whole, over several blocks");
    }

    @Test
    void saysWhatTheRatioTargetLeavesForTheDiagnosis() {
        var b = new BatchBenchmark.Breakdown(100, 5, 10.0, 25.0, 60.0, 5.0, 30.0);
        List<String> lines = BatchBenchmark.lines(b);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("allow: 0.13"), last);
        assertTrue(last.contains("may cost 10.0 us") && last.contains("2.5 times"), last);
    }
}
