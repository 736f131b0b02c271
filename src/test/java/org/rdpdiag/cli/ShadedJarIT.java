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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as a user runs it, from another directory: the bundled knowledge base must load
 * from the jar (no rules folder around), from the build-time compiled cache, and fire rules.
 */
class ShadedJarIT {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    private Run java(Path dir, String... args) throws IOException, InterruptedException {
        return javaWithInput(dir, null, args);
    }

    private Run javaWithInput(Path dir, String input, String... args) throws IOException, InterruptedException {
        return javaWithOptions(dir, input, List.of(), args);
    }

    private Run javaWithOptions(Path dir, String input, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("rdpdiag.jar", "target/rdpdiag.jar")).toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("RDPDIAG_CACHE_DIR", tmp.resolve("cache").toString());
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        if (input != null) {
            Path in = tmp.resolve("in.txt");
            Files.writeString(in, input);
            pb.redirectInput(in.toFile());
        }
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jar did not finish");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void diagnosesFromAnyDirectoryWithTheBundledPrecompiledKnowledge() throws Exception {
        Path facts = tmp.resolve("host.yaml");
        Files.copy(Path.of("src/test/resources/cli/tls-off.yaml").toAbsolutePath(), facts);
        Run r = java(tmp, "diagnose", facts.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"origin\" : \"bundled cache\""), "bundled rules should load precompiled: " + r.out());
        assertTrue(r.out().contains("\"status\" : \"confirmed\""), "rules must fire in the shaded jar");
        assertEquals("", r.err().strip(), "nothing on stderr for a good run");
    }

    @Test
    void theInterviewRunsOnPipedInputInARealProcess() throws Exception {
        // The certificate is known to have expired; the user answers the codes, asks why, and knows nothing else.
        Path start = tmp.resolve("start.yaml");
        Files.writeString(start, "host: {certificateState: expired}\n");
        Run r = javaWithInput(tmp, "0x904\n0x7\nwhy\n" + "unknown\n".repeat(40), "ask", "--facts", start.toString(),
                "--save", tmp.resolve("saved.yaml").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Q1 ") && r.out().contains("Interview complete"), r.out());
        assertTrue(r.out().contains("CONFIRMED") && r.out().contains("rdp-certificate-invalid"), r.out());
        assertTrue(Files.readString(tmp.resolve("saved.yaml")).contains("certificateState: \"expired\""));
    }

    @Test
    void documentsTheBundledCatalogueFromTheJar() throws Exception {
        Run r = java(tmp, "rules", "doc", "--format", "html", "--out", "catalogue.html");
        assertEquals(0, r.exit(), r.err());
        String page = Files.readString(tmp.resolve("catalogue.html"));
        assertTrue(page.contains("<h4 id=\"cause-tls12-disabled\">") && page.contains("<tr id=\"pair-p25\">"),
                "causes and seed pairs come from the knowledge base inside the jar");
        assertEquals("", r.err().strip());
    }

    @Test
    void badInputExitsWithTwoAndNoStackTrace() throws Exception {
        Path facts = tmp.resolve("bad.json");
        Files.writeString(facts, "{\"host\": {\"nlaRequired\": \"yes\"}}");
        Run r = java(tmp, "diagnose", facts.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad.json:1:"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void jvmOptionsGivenToJavaReachTheRelaunchedDiagnose() throws Exception {
        Path facts = tmp.resolve("host.yaml");
        Files.copy(Path.of("src/test/resources/cli/tls-off.yaml").toAbsolutePath(), facts);
        // Each JVM prints its flags: the parent's, then the relaunched child's.
        Run r = javaWithOptions(tmp, null, List.of("-Xmx300m", "-XX:+PrintCommandLineFlags"), "diagnose", facts.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> heaps = r.out().lines().filter(l -> l.contains("-XX:MaxHeapSize=")).toList();
        assertEquals(2, heaps.size(), "two JVMs ran: " + r.out());
        for (String flags : heaps) {
            assertTrue(flags.contains("-XX:MaxHeapSize=314572800"), "each has the user's heap limit: " + flags);
        }
        assertTrue(heaps.get(1).contains("-XX:+UseSerialGC"), "the child keeps its start-up tuning: " + heaps.get(1));
    }
}
