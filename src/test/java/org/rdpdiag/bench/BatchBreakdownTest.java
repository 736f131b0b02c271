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
            assertEquals(engine.run(facts).trace().size(), engine.fireRulesOnly(facts), "host " + i);
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
            firings += engine.fireRulesOnly(FactsReader.read(line, "x", FactsReader.Format.JSON));
        }
        assertEquals(firings / 30, b.firings(), 1e-9);
        assertEquals(b.readMicros() / (b.readMicros() + b.diagnosisMicros() + b.lineMicros()), b.expectedRatio(), 1e-12);
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
