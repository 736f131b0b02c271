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
import org.rdpdiag.batch.ResultLines;
import org.rdpdiag.support.TestFleet;

/**
 * {@code batch} in the shaded jar, in real processes: each kind of input gives all three outputs,
 * and a run killed in the middle, then resumed, ends exactly as a run that was never interrupted.
 */
class BatchJarIT {
    private static final int HOSTS = 1500;

    @TempDir
    Path tmp;

    private ProcessBuilder jar(String... args) {
        Path jar = Path.of(System.getProperty("rdpdiag.jar", "target/rdpdiag.jar")).toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString(), "batch"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("RDPDIAG_CACHE_DIR", tmp.resolve("cache").toString());
        return pb.redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(tmp.resolve("stderr.txt").toFile());
    }

    private int runToEnd(String... args) throws IOException, InterruptedException {
        Process p = jar(args).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "batch did not finish");
        return p.exitValue();
    }

    private String stderr() throws IOException {
        return Files.readString(tmp.resolve("stderr.txt"));
    }

    @Test
    void aFolderAJsonLinesFileAndACsvFileEachGiveAllThreeOutputs() throws Exception {
        Path folder = tmp.resolve("hosts");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("web01.yaml"), "error: {mainCode: 0x904, extendedCode: 0x7}\nhost: {tls12ServerEnabled: false}\n");
        Files.writeString(folder.resolve("web02.json"), "{\"host\": {\"certificateState\": \"expired\"}}");
        Files.writeString(tmp.resolve("fleet.jsonl"), "{\"id\": \"web01\", \"host\": {\"tls12ServerEnabled\": false}}\n"
                + "{\"id\": \"web02\", \"host\": {\"certificateState\": \"expired\"}}\n");
        Files.writeString(tmp.resolve("fleet.csv"), "id,host.tls12ServerEnabled,host.certificateState\nweb01,false,\nweb02,,expired\n");
        for (String input : List.of("hosts", "fleet.jsonl", "fleet.csv")) {
            String name = input.replace('.', '-');
            int exit = runToEnd(input, "--out", name + ".jsonl", "--csv", name + ".csv", "--report", name + ".html");
            assertEquals(0, exit, input + ": " + stderr());
            List<String> lines = Files.readAllLines(tmp.resolve(name + ".jsonl"));
            assertEquals(2, lines.size(), input);
            assertTrue(lines.get(0).contains("\"id\":\"web01\"") && lines.get(0).contains("tls12-disabled"), lines.get(0));
            assertTrue(lines.get(1).contains("\"id\":\"web02\"") && lines.get(1).contains("rdp-certificate-invalid"), lines.get(1));
            assertEquals(3, Files.readAllLines(tmp.resolve(name + ".csv")).size(), input);
            String html = Files.readString(tmp.resolve(name + ".html"));
            assertTrue(html.contains("id=\"h-2\"") && html.contains("cause-tls12-disabled"), input);
            assertEquals("", Files.readString(tmp.resolve("stdout.txt")), "standard output stays clean");
        }
    }

    @Test
    void aRunKilledMidwayAndResumedEqualsAnUninterruptedRun() throws Exception {
        Path fleet = tmp.resolve("fleet.jsonl");
        TestFleet.writeJsonLines(fleet, HOSTS, 113);
        assertEquals(1, runToEnd("fleet.jsonl", "--out", "full.jsonl", "--csv", "full.csv", "--report", "full.html"),
                "some records are invalid on purpose: " + stderr());

        Process p = jar("fleet.jsonl", "--out", "out.jsonl", "--csv", "out.csv", "--report", "out.html", "--threads", "1").start();
        // A run writes beside its output and moves the file into place at the end.
        Path partial = tmp.resolve(".out.jsonl.partial");
        waitForLines(p, partial, 256);
        assertTrue(p.isAlive(), "the run must still be going when it is killed");
        p.destroyForcibly(); // SIGKILL: no chance to finish a line
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        long written = countLines(partial);
        assertTrue(written < HOSTS, "killed before the end: " + written);
        assertTrue(!Files.exists(tmp.resolve("out.jsonl")), "a killed run never replaces the output");

        assertEquals(1, runToEnd("fleet.jsonl", "--out", "out.jsonl", "--csv", "out.csv", "--report", "out.html", "--resume"),
                stderr());
        assertTrue(stderr().contains("from the interrupted run"), stderr());
        assertEquals(Files.readString(tmp.resolve("full.jsonl")), Files.readString(tmp.resolve("out.jsonl")));
        assertEquals(Files.readString(tmp.resolve("full.csv")), Files.readString(tmp.resolve("out.csv")));
        assertEquals(withoutDate(Files.readString(tmp.resolve("full.html"))), withoutDate(Files.readString(tmp.resolve("out.html"))));
        assertTrue(!Files.exists(tmp.resolve("out.html.part")), "the report's staging file is gone");
    }

    @Test
    void aTerminatedRunLeavesOnlyWholeLinesAndSaysHowToContinue() throws Exception {
        Path fleet = tmp.resolve("fleet.jsonl");
        // More than a stop leaves in flight: the records already read are all finished first.
        TestFleet.writeJsonLines(fleet, 4 * HOSTS, 0);
        Process p = jar("fleet.jsonl", "--out", "out.jsonl", "--threads", "1").start();
        waitForLines(p, tmp.resolve(".out.jsonl.partial"), 256);
        assertTrue(p.isAlive(), "the run must still be going when it is stopped");
        p.destroy(); // SIGTERM, as a service manager or Ctrl-C would stop it
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String text = Files.readString(tmp.resolve("out.jsonl"), StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), "ends on a whole line");
        List<String> lines = text.lines().toList();
        assertTrue(lines.size() < 4 * HOSTS, "stopped before the end: " + lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(i + 1, ResultLines.parse(lines.get(i)).index());
        }
        assertTrue(stderr().contains("interrupted") && stderr().contains("--resume"), stderr());
    }

    @Test
    void aTerminatedRunWaitingOnAStalledPipeEndsAtOnceWithWhatItReadAndHoldsOffASecondRun() throws Exception {
        Path fleet = tmp.resolve("fleet.jsonl");
        TestFleet.writeJsonLines(fleet, 100, 0);
        Process p = jar("-", "--out", "out.jsonl").redirectInput(ProcessBuilder.Redirect.PIPE).start();
        try (var stdin = p.getOutputStream()) {
            stdin.write(Files.readAllBytes(fleet));
            stdin.flush();
            waitForLines(p, tmp.resolve(".out.jsonl.partial"), 100); // the pipe stays open and silent

            ProcessBuilder second = jar("fleet.jsonl", "--out", "out.jsonl");
            second.redirectError(tmp.resolve("second.txt").toFile());
            Process q = second.start();
            assertTrue(q.waitFor(120, TimeUnit.SECONDS));
            assertEquals(2, q.exitValue());
            assertTrue(Files.readString(tmp.resolve("second.txt")).contains("another rdpdiag batch is writing out.jsonl"),
                    Files.readString(tmp.resolve("second.txt")));

            long stopped = System.nanoTime();
            p.toHandle().destroy(); // SIGTERM alone: Process.destroy would also close the pipe, an end of input
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "a stalled input does not hold up a stop");
            assertTrue(System.nanoTime() - stopped < TimeUnit.SECONDS.toNanos(10),
                    "ends within seconds, not after the 30-second grace");
        }
        assertEquals(100, countLines(tmp.resolve("out.jsonl")), "every record read is in the output");
        assertTrue(stderr().contains("interrupted") && stderr().contains("--resume"), stderr());
    }

    private static void waitForLines(Process p, Path file, int lines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(file) && countLines(file) >= lines) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the run did not reach " + lines + " lines while alive");
    }

    private static long countLines(Path file) throws IOException {
        long n = 0;
        for (byte b : Files.readAllBytes(file)) {
            n += b == '\n' ? 1 : 0;
        }
        return n;
    }

    private static String withoutDate(String html) {
        return html.replaceFirst("Generated [^<]* by rdpdiag", "Generated by rdpdiag");
    }
}
