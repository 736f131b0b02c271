package org.rdpdiag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.support.TestKnowledge;

class ImportBenchmarkTest {
    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, ImportBenchmark.median(List.of(12, 2, 3, 2)));
        assertEquals(3.0, ImportBenchmark.median(List.of(4, 3, 2)));
    }

    @Test
    void aHostWhoseEvidenceDecidesAsksOnlyTheCodesAndAClientFileJoinsByName() throws Exception {
        ImportBenchmark bench = new ImportBenchmark(new DiagnoseService(TestKnowledge.kb()));
        ImportBenchmark.Row stopped = bench.run(Path.of("collect/samples/termservice-stopped-host.json"));
        assertEquals("termservice-stopped", stopped.leader());
        assertTrue(stopped.asked().stream().noneMatch(f -> f.startsWith("host.")), stopped.asked().toString());
        assertTrue(bench.run(Path.of("collect/samples/healthy-host.json")).withClient());
        List<String> lines = ImportBenchmark.lines(List.of(stopped), false);
        assertTrue(lines.get(0).contains("median " + stopped.asked().size() + ".0"), lines.toString());
    }
}
