package org.rdpdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar is the product: no benchmark or build-time training code inside, no command
 * for them, and the class-data archive built beside it is one the JVM accepts for it.
 */
class ProductJarIT {
    @TempDir
    Path tmp;

    private static Path jar() {
        return Path.of(System.getProperty("rdpdiag.jar", "target/rdpdiag.jar")).toAbsolutePath();
    }

    /** Runs java with these arguments, in one JVM (no relaunch); returns exit code and output. */
    private String[] java(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().put("RDPDIAG_RELAUNCH", "0");
        pb.environment().put("RDPDIAG_CACHE_DIR", tmp.resolve("cache").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "java did not finish: " + cmd);
        return new String[] {String.valueOf(p.exitValue()), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8)};
    }

    /** Whether a jar entry is benchmark code: the bench package, or a class named ...Benchmark (nested ones too). */
    static boolean isBenchmarkCode(String entry) {
        if (!entry.endsWith(".class")) {
            return false;
        }
        String outer = entry.substring(entry.lastIndexOf('/') + 1).replaceFirst("\\.class$", "").replaceFirst("\\$.*", "");
        return entry.startsWith("org/rdpdiag/bench/") || outer.endsWith("Benchmark");
    }

    @Test
    void recognisesBenchmarkCodeByPackageOrName() {
        assertTrue(isBenchmarkCode("org/rdpdiag/bench/Folders.class"));
        assertTrue(isBenchmarkCode("org/rdpdiag/batch/ThroughputBenchmark$Run.class"));
        assertTrue(!isBenchmarkCode("org/rdpdiag/batch/BatchService.class"));
        assertTrue(!isBenchmarkCode("rdpdiag-kb/rules/bench/notes.yaml"));
    }

    @Test
    void theJarHoldsNoBenchmarkOrTrainingCode() throws IOException {
        List<String> found = new ArrayList<>();
        int ours = 0;
        try (ZipFile zip = new ZipFile(jar().toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (isBenchmarkCode(e.getName())) {
                    found.add(e.getName());
                }
                ours += e.getName().startsWith("org/rdpdiag/") && e.getName().endsWith(".class") ? 1 : 0;
            }
        }
        assertTrue(ours > 100, "the product's classes are in the jar that was checked: " + ours);
        assertEquals(List.of(), found);
    }

    @Test
    void theHelpListsNoBenchmarkOrTrainingCommand() throws Exception {
        String[] r = java(List.of("-jar", jar().toString(), "--help"));
        assertEquals("0", r[0], r[1]);
        List<String> commands = r[1].lines().filter(l -> l.matches("\\s{2}\\S.*")).map(l -> l.strip().split("\\s+")[0]).toList();
        assertTrue(commands.containsAll(List.of("diagnose", "batch", "ask", "rules")), "the commands are listed: " + r[1]);
        assertTrue(!commands.contains("bench") && !commands.contains("train-startup"), r[1]);
        assertTrue(!r[1].contains("train-startup") && !r[1].matches("(?s).*\\bbench\\b.*"), r[1]);
    }

    @Test
    void theClassDataArchiveIsAcceptedAndServesTheProductsClasses() throws Exception {
        Path archive = jar().resolveSibling("rdpdiag.jsa");
        Path log = tmp.resolve("classes.txt");
        // -Xshare:on makes a refused archive an error instead of a silent slow start.
        String[] r = java(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info:file=" + log,
                "-jar", jar().toString(), "diagnose", Path.of("facts/examples/expired-self-signed-cert.yaml").toAbsolutePath().toString()));
        assertEquals("0", r[0], r[1]);
        assertTrue(r[1].contains("rdp-certificate-invalid"), r[1]);
        List<String> loaded = Files.readAllLines(log);
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" org.rdpdiag.cli.DiagnoseCommand source: shared objects file")),
                "the product's classes come from the archive");
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" org.drools.") && l.contains("source: shared objects file")),
                "so do the libraries'");
    }
}
