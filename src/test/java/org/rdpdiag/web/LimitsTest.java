package org.rdpdiag.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.rdpdiag.support.Examples;

/** The bounds a server runs under: consultations at a time, and the JDK server's read limits. */
class LimitsTest {
    @Test
    void aConsultationBeyondTheBoundIsRefusedWith503AndTheOthersGoOn() throws Exception {
        // One consultation at a time, and no waiting for a turn.
        WebServer.Settings one = new WebServer.Settings(InetAddress.getLoopbackAddress(), 0, 64 * 1024, 4 * 1024 * 1024, 1, 0);
        try (WebServer server = WebServer.start(Examples.service(), one)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient client = HttpClient.newHttpClient();
            StringBuilder fleet = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                fleet.append("{\"id\": \"h").append(i).append("\", \"error\": {\"mainCode\": \"0x904\"}}\n");
            }
            // The batch's answer starts (its headers arrive) once it holds the only turn, and it
            // streams until every host is done: meanwhile, nothing else gets a turn.
            HttpResponse<java.io.InputStream> busy = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/batch"))
                    .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(fleet.toString())).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, busy.statusCode());
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/diagnose"))
                    .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString("error: {}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, refused.statusCode(), "a second consultation while the batch runs is refused");
            assertEquals("2", refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(refused.body().contains("\"errors\""));
            HttpResponse<String> free = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/codes/0x7")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, free.statusCode(), "the code table needs no turn");
            String lines = new String(busy.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(60, lines.split("\n").length, "the batch itself is not disturbed");
        }
    }

    @Test
    void theJdkServerIsToldToStopWaitingOnSlowClients() {
        WebServer.Settings.defaults(0); // loads the class, which sets what was not set
        assertTrue(Integer.parseInt(System.getProperty("sun.net.httpserver.maxReqTime")) > 0, "reads time out");
        assertEquals("true", System.getProperty("sun.net.httpserver.nodelay"));
        assertThrows(IllegalArgumentException.class, () -> new WebServer.Settings(InetAddress.getLoopbackAddress(), 70000,
                1 << 20, 1 << 20, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new WebServer.Settings(InetAddress.getLoopbackAddress(), 0,
                10, 1 << 20, 1, 1));
    }
}
