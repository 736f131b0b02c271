package org.rdpdiag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Times {@code java -jar rdpdiag.jar diagnose FILE} in fresh JVMs, one scenario at a time:
 * the bundled precompiled rules (what users run), an author's folder served from the user cache,
 * and the same folder compiled on every run (the cost the caches avoid).
 */
public final class StartupBenchmark {
    /** One timed scenario; {@code inProcess} turns off the tuned relaunch ({@code RDPDIAG_RELAUNCH=0}). */
    public record Scenario(String name, List<String> extraArgs, boolean warmFirst, boolean inProcess) {}

    /** The median and spread of one scenario, in milliseconds. */
    public record Result(String name, long medianMs, long minMs, long maxMs, List<Long> runsMs) {
        public String line() {
            return String.format(Locale.ROOT, "%-38s median %5d ms   min %5d   max %5d   runs %s", name, medianMs, minMs,
                    maxMs, runsMs);
        }
    }

    private final Path jar;
    private final Path facts;
    private final int runs;
    private final Path cacheDir;

    public StartupBenchmark(Path jar, Path facts, int runs, Path cacheDir) {
        this.jar = jar;
        this.facts = facts;
        this.runs = runs;
        this.cacheDir = cacheDir;
    }

    /**
     * The scenarios, from what users run to the naive design: bundled precompiled rules with the
     * tuned relaunch; the same in one untuned JVM; an author's folder from the user cache; and
     * that folder compiled at every start in one untuned JVM (where the project started).
     */
    public static List<Scenario> scenarios(Path rulesDir) {
        List<Scenario> list = new ArrayList<>();
        list.add(new Scenario("bundled rules, as shipped", List.of(), false, false));
        list.add(new Scenario("bundled rules, one untuned JVM", List.of(), false, true));
        if (rulesDir != null) {
            list.add(new Scenario("--rules DIR, user cache warm", List.of("--rules", rulesDir.toString()), true, false));
            list.add(new Scenario("--rules DIR, compiled at start", List.of("--rules", rulesDir.toString(), "--no-cache"),
                    false, false));
            list.add(new Scenario("--rules DIR, compiled, untuned JVM", List.of("--rules", rulesDir.toString(), "--no-cache"),
                    false, true));
        }
        return list;
    }

    public Result run(Scenario s) throws IOException, InterruptedException {
        if (s.warmFirst()) {
            time(s);
        }
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            ms.add(time(s));
        }
        long[] sorted = ms.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(s.name(), sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], List.copyOf(ms));
    }

    private long time(Scenario s) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toString(), "diagnose", facts.toString()));
        cmd.addAll(s.extraArgs());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("RDPDIAG_CACHE_DIR", cacheDir.toString());
        if (s.inProcess()) {
            pb.environment().put("RDPDIAG_RELAUNCH", "0");
        } else {
            pb.environment().remove("RDPDIAG_RELAUNCH");
        }
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
