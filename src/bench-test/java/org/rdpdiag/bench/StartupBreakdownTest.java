package org.rdpdiag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartupBreakdownTest {
    /** Two runs as the product prints them: the columns from, took, thread, phase; the total has no thread. */
    private static final String RUN_1 = """
            phases (ms since the JVM started):
                 from    took  thread                 phase
                  0.0    84.2  main                   JVM start to main
                 95.8   132.7  main                   command line parsed (picocli)
                263.6   797.1  ForkJoinPool.commonPool-worker-1 compiled rules read (deserialisation)
                  0.0  2289.0                         total, to the end of main
              classes loaded: 5294
              class-data archive: /opt/rdpdiag/rdpdiag.jsa (in use)
            """;
    private static final String RUN_2 = """
            phases (ms since the JVM started):
                 from    took  thread                 phase
                  0.0    60.0  main                   JVM start to main
                 80.0   100.0  main                   command line parsed (picocli)
                200.0   500.0  Thread-0               compiled rules read (deserialisation)
                  0.0  1800.0                         total, to the end of main
            """;

    @Test
    void readsEachPhaseWithItsThreadAndTimes() {
        List<StartupBreakdown.Phase> phases = StartupBreakdown.parse(RUN_1);
        assertEquals(4, phases.size(), phases.toString());
        assertEquals(new StartupBreakdown.Phase("command line parsed (picocli)", "main", 95.8, 132.7), phases.get(1));
        assertEquals(new StartupBreakdown.Phase("total, to the end of main", "", 0.0, 2289.0), phases.get(3));
        assertEquals("/opt/rdpdiag/rdpdiag.jsa (in use)", StartupBreakdown.archive(RUN_1));
        assertEquals("unknown", StartupBreakdown.archive(RUN_2));
    }

    @Test
    void mediansGoByPhaseNameWhateverTheWorkerThread() {
        String run3 = RUN_2.replace("   60.0", "   70.0").replace("  500.0", "  600.0");
        List<StartupBreakdown.Phase> m = StartupBreakdown.medians(List.of(StartupBreakdown.parse(RUN_1),
                StartupBreakdown.parse(RUN_2), StartupBreakdown.parse(run3)));
        StartupBreakdown.Phase rules = m.stream().filter(p -> p.name().startsWith("compiled rules")).findFirst().orElseThrow();
        assertEquals(600.0, rules.took(), "the middle of 797.1, 500 and 600");
        assertEquals(70.0, m.stream().filter(p -> p.name().startsWith("JVM start")).findFirst().orElseThrow().took());
        assertEquals("total, to the end of main", m.get(m.size() - 1).name(), "the total closes the table");
    }

    @Test
    void countsClassesBySource() {
        StartupBreakdown.Sources s = StartupBreakdown.sources(List.of(
                "[0.010s][info][class,load] java.lang.Object source: shared objects file",
                "[0.099s][info][class,load] org.rdpdiag.cli.Launch source: file:/opt/rdpdiag/rdpdiag.jar",
                "[0.120s][info][class,load] java.lang.ProcessHandleImpl source: jrt:/java.base",
                "[0.166s][info][class,load] java.lang.invoke.LambdaForm$MH/0x1 source: __JVM_LookupDefineClass__",
                "[0.304s][info][class,load] org.rdpdiag.cli.Main$$Lambda$17/0x2 source: org.rdpdiag.cli.Main",
                "[0.305s][info][class,load] org.rdpdiag.cli.Main source: shared objects file (top)"));
        assertEquals(new StartupBreakdown.Sources(2, 1, 1, 2), s);
    }
}
