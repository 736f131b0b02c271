package org.rdpdiag.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdpdiag.support.Examples;
import org.rdpdiag.web.WebServer;

/** {@code bench serve}'s client reads whole answers, fixed-length and streamed alike, and counts what fails. */
class ServeBenchmarkTest {
    @Test
    void countsAnswersAndErrorsOverKeepAliveConnections() throws Exception {
        try (WebServer server = WebServer.start(Examples.service(), WebServer.Settings.defaults(0))) {
            ServeBenchmark bench = new ServeBenchmark(null, new PrintWriter(new StringWriter()));
            bench.attach(server.port());
            List<ServeBenchmark.Request> requests = List.of(
                    ServeBenchmark.get("code", "/api/v1/codes/0x904"),
                    ServeBenchmark.post("batch", "/api/v1/batch", "application/x-ndjson",
                            "{\"id\": \"a\", \"error\": {\"mainCode\": \"0x904\"}}\n"),
                    ServeBenchmark.post("diagnose", "/api/v1/diagnose", "application/yaml", "error: {mainCode: \"0x904\"}\n"));
            ServeBenchmark.Result ok = bench.run("mixed", requests, 3, 1.5);
            assertTrue(ok.requests() >= 3, "each connection answered: " + ok.requests());
            assertEquals(0, ok.errors());
            assertEquals(ok.requests(), ok.latencies().length);
            assertTrue(ok.percentile(50) <= ok.percentile(99) && ok.percentile(99) <= ok.percentile(100));

            ServeBenchmark.Result refused = bench.run("refused", List.of(ServeBenchmark.get("none", "/api/v1/nothing")), 2, 0.5);
            assertEquals(0, refused.requests(), "a 404 is not an answer");
            assertTrue(refused.errors() > 0, "it is an error");
        }
    }
}
