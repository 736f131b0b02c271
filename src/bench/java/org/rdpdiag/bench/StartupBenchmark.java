package org.rdpdiag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Times {@code java -jar rdpdiag.jar diagnose FILE} in fresh JVMs, one scenario at a time: the
 * jar as built, next to its archive; the same jar installed in another folder, where it starts
 * with the archive it made in the user's cache; that copy before it has one; one untuned JVM;
 * and an author's rules folder, from the user cache and compiled on every run.
 */
public final class StartupBenchmark {
    /**
     * One timed scenario: the jar to run, the arguments after the facts file, whether to run once
     * untimed first, and environment variables to set ({@code RDPDIAG_RELAUNCH=0}: one untuned JVM).
     */
    public record Scenario(String name, Path jar, List<String> extraArgs, boolean warmFirst, Map<String, String> env) {}

    /** The median and spread of one scenario, in milliseconds. */
    public record Result(String name, long medianMs, long minMs, long maxMs, List<Long> runsMs) {
        public String line() {
            return String.format(Locale.ROOT, "%-44s median %5d ms   min %5d   max %5d   runs %s", name, medianMs, minMs,
                    maxMs, runsMs);
        }
    }

    private final Path facts;
    private final int runs;
    private final Path cacheDir;

    public StartupBenchmark(Path facts, int runs, Path cacheDir) {
        this.facts = facts;
        this.runs = runs;
        this.cacheDir = cacheDir;
    }

    /**
     * The scenarios, from what users run to the naive design. {@code installed} is a copy of the
     * jar in another folder (see {@link #install}); {@code rulesDir} may be null.
     */
    public static List<Scenario> scenarios(Path jar, Path installed, Path rulesDir) {
        List<Scenario> list = new ArrayList<>();
        list.add(new Scenario("as built, in target/ (bundled archive)", jar, List.of(), false, Map.of()));
        list.add(new Scenario("installed elsewhere (archive from user cache)", installed, List.of(), true, Map.of()));
        list.add(new Scenario("installed elsewhere, no archive", installed, List.of(), false,
                Map.of("RDPDIAG_ARCHIVE_CACHE", "0")));
        list.add(new Scenario("as built, one untuned JVM", jar, List.of(), false, Map.of("RDPDIAG_RELAUNCH", "0")));
        if (rulesDir != null) {
            list.add(new Scenario("--rules DIR, user cache warm", jar, List.of("--rules", rulesDir.toString()), true, Map.of()));
            list.add(new Scenario("--rules DIR, compiled at start", jar, List.of("--rules", rulesDir.toString(), "--no-cache"),
                    false, Map.of()));
        }
        return list;
    }

    /**
     * Copies the jar and what goes with it to {@code dir} as a plain copy does (new file times),
     * runs it once so that it starts making its archive in the benchmark's cache, and waits until
     * the archive is there. Returns the copied jar.
     */
    public Path install(Path jar, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        for (String name : List.of("rdpdiag.jar", "rdpdiag.jsa", "rdpdiag.jsa.key")) {
            Path from = jar.resolveSibling(name);
            if (Files.isRegularFile(from)) {
                Files.copy(from, dir.resolve(name));
            }
        }
        Path copy = dir.resolve("rdpdiag.jar");
        time(new Scenario("first run", copy, List.of(), false, Map.of()), null);
        Path cds = cacheDir.resolve("cds");
        for (int i = 0; i < 1200; i++) {
            try (var files = Files.list(cds)) {
                List<Path> all = files.toList();
                if (all.stream().anyMatch(p -> p.toString().endsWith(".jsa"))
                        && all.stream().noneMatch(p -> p.toString().endsWith(".lock"))) {
                    return copy;
                }
            } catch (IOException e) {
                // Not there yet.
            }
            Thread.sleep(100);
        }
        throw new IOException("the installed copy made no class-data archive in " + cds + " within 2 minutes");
    }

    public int runs() {
        return runs;
    }

    public Result run(Scenario s) throws IOException, InterruptedException {
        if (s.warmFirst()) {
            time(s, null);
        }
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ms.add(time(s, null));
        }
        long[] sorted = ms.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(s.name(), sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], List.copyOf(ms));
    }

    /**
     * Runs the scenario once with the product's phase marks on ({@code -Drdpdiag.phases=true},
     * passed on to the relaunched JVM) and with the JVM's class-loading log, one file per process.
     * Returns what the run printed on standard error; {@code classLog} receives the log files.
     */
    public String timedPhases(Scenario s, Path classLog) throws IOException, InterruptedException {
        Path err = Files.createTempFile("rdpdiag-phases", ".txt");
        try {
            List<String> options = List.of("-Drdpdiag.phases=true",
                    "-Xlog:class+load=info:file=" + classLog.resolve("classes-%p.txt"));
            time(s, new Redirect(options, err));
            return Files.readString(err);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private record Redirect(List<String> jvmOptions, Path err) {}

    private long time(Scenario s, Redirect redirect) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary()));
        if (redirect != null) {
            cmd.addAll(redirect.jvmOptions());
        }
        cmd.addAll(List.of("-jar", s.jar().toString(), "diagnose", facts.toString()));
        cmd.addAll(s.extraArgs());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(redirect == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(redirect.err().toFile()));
        pb.environment().put("RDPDIAG_CACHE_DIR", cacheDir.toString());
        pb.environment().remove("RDPDIAG_RELAUNCH");
        pb.environment().remove("RDPDIAG_ARCHIVE_CACHE");
        pb.environment().putAll(s.env());
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("a run did not finish in 5 minutes: " + String.join(" ", cmd));
        }
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (p.exitValue() != 0) {
            throw new IOException("a run exited with " + p.exitValue() + ": " + String.join(" ", cmd));
        }
        return elapsed;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The product jar on the class path: where the product's entry point was loaded from, when
     * that is a jar. The benchmarks live in a jar of their own, so this is not their own jar.
     */
    public static Path productJar() {
        try {
            Path p = Path.of(org.rdpdiag.cli.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (Exception e) {
            return null;
        }
    }

    public static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
        } catch (IOException e) {
            // Not Linux: the CPU name is a nicety.
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
    }

}
