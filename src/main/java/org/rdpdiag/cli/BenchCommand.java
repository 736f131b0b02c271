package org.rdpdiag.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rdpdiag.bench.StartupBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rdpdiag bench ...}: re-runnable measurements. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Re-runnable benchmarks; the figures in docs/performance.md come from here.",
        subcommands = {BenchCommand.Startup.class})
final class BenchCommand {

    @Command(name = "startup", mixinStandardHelpOptions = true,
            description = {"Time 'java -jar rdpdiag.jar diagnose FILE' in fresh JVMs and print the median of each "
                    + "scenario: bundled precompiled rules; an author's rules folder from the user cache; the same "
                    + "folder compiled on every run.",
                    "Must run from the jar: java -jar target/rdpdiag.jar bench startup facts/examples/x.yaml"})
    static final class Startup implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "Facts file to diagnose.")
        Path facts;

        @Option(names = "--runs", defaultValue = "5", description = "Runs per scenario (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--rules", paramLabel = "DIR", description = "Rules folder for the author scenarios "
                + "(default: ./rules when it exists).")
        Path rules;

        private static void deleteTree(Path dir) throws java.io.IOException {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }

        @Override
        public Integer call() throws Exception {
            Path jar = StartupBenchmark.ownJar();
            if (jar == null) {
                throw new Failures.UsageException("bench startup must run from the jar (java -jar target/rdpdiag.jar ...)");
            }
            if (!Files.isRegularFile(facts)) {
                throw new Failures.UsageException(facts + ": no such file");
            }
            if (runs < 1) {
                throw new Failures.UsageException("--runs must be at least 1");
            }
            Path rulesDir = rules != null ? rules : Files.isDirectory(Path.of("rules")) ? Path.of("rules") : null;
            Path cache = Files.createTempDirectory("rdpdiag-bench-cache");
            PrintWriter out = spec.commandLine().getOut();
            out.println("machine: " + StartupBenchmark.machine());
            out.println("command: java -jar " + jar + " diagnose " + facts + " (" + runs + " cold runs per scenario)");
            StartupBenchmark bench = new StartupBenchmark(jar, facts, runs, cache);
            try {
                for (StartupBenchmark.Scenario s : StartupBenchmark.scenarios(rulesDir)) {
                    out.println(bench.run(s).line());
                    out.flush();
                }
            } finally {
                deleteTree(cache);
            }
            return ExitCodes.OK;
        }
    }
}
