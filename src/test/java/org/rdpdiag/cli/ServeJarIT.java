package org.rdpdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar rdpdiag.jar serve} as shipped: one line saying where it listens (loopback),
 * an answer to the API, a clean stop on SIGTERM; a warning when bound beyond loopback; a port in
 * use is bad usage, not a stack trace.
 */
class ServeJarIT {
    @TempDir
    Path tmp;

    private Process serve(String... args) throws IOException {
        return serveWith(List.of(), args);
    }

    private Process serveWith(List<String> jvm, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", Path.of(System.getProperty("rdpdiag.jar", "target/rdpdiag.jar")).toAbsolutePath().toString(), "serve"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().put("RDPDIAG_CACHE_DIR", tmp.resolve("cache").toString());
        return pb.start();
    }

    @Test
    void servesOnLoopbackAndStopsCleanly() throws Exception {
        Process p = serve("--port", "0");
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(line == null ? "" : line);
            assertTrue(m.matches(), "one line saying where: " + line);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + m.group(1) + "/api/v1/codes/0x904")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("disconnectReasonAtClientWinsockFDCLOSE"));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stops on SIGTERM");
            assertEquals("", Files.readString(tmp.resolve("err.txt")), "no warning, no stack trace");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void warnsBeyondLoopbackAndRefusesAPortInUse() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Process p = serve("--port", String.valueOf(taken.getLocalPort()));
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue());
            String err = Files.readString(tmp.resolve("err.txt"));
            assertTrue(err.contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()) && !err.contains("\tat "), err);
        }
        Process p = serve("--port", "0", "--bind", "0.0.0.0");
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(line != null && line.startsWith("listening on http://0.0.0.0:"), line);
            assertTrue(Files.readString(tmp.resolve("err.txt")).contains("not on loopback"));
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    @Test
    void aClientThatStopsSendingIsCutOff() throws Exception {
        // The server's read limit (30 s as shipped) set to 2 s, to see it act within the test.
        Process p = serveWith(List.of("-Dsun.net.httpserver.maxReqTime=2"), "--port", "0");
        try {
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                s.setSoTimeout(20_000);
                s.getOutputStream().write(("POST /api/v1/diagnose HTTP/1.1\r\nHost: x\r\nContent-Type: application/yaml\r\n"
                        + "Content-Length: 100\r\n\r\nerror:").getBytes(StandardCharsets.US_ASCII));
                long t0 = System.nanoTime();
                assertEquals(-1, s.getInputStream().read(), "the connection is closed, not answered");
                double waited = (System.nanoTime() - t0) / 1e9;
                assertTrue(waited < 10, "cut off after " + waited + " s");
            }
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }
}
