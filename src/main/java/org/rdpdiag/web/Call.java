package org.rdpdiag.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request and its response: the parts of {@link HttpExchange} the handlers use, the body
 * read within its limit, and every response sent with the safety headers.
 */
final class Call {
    /** Pages: scripts and styles from this server only, nothing inline, no framing, forms post here only. */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    /** API answers and downloads are never rendered as pages. */
    static final String DATA_POLICY = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'; sandbox";

    private final HttpExchange exchange;
    private Map<String, List<String>> query;
    private boolean sent;

    Call(HttpExchange exchange) {
        this.exchange = exchange;
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getPath();
    }

    String rawQuery() {
        String q = exchange.getRequestURI().getRawQuery();
        return q == null ? "" : q;
    }

    /** The query's parameters, read on first use (a malformed query is a 400 then). */
    Map<String, List<String>> query() {
        if (query == null) {
            query = parseForm(exchange.getRequestURI().getRawQuery());
        }
        return query;
    }

    String param(String name) {
        List<String> v = query().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The media type of the body, lower case, without parameters; empty when none was given. */
    String mediaType() {
        String type = header("Content-Type");
        if (type == null) {
            return "";
        }
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The request body, refused with 413 when it is longer than {@code limit} bytes: by its
     * declared length before anything is read, else as soon as the limit is passed.
     */
    byte[] body(int limit) throws IOException {
        String declared = header("Content-Length");
        InputStream in = exchange.getRequestBody();
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                throw HttpFailure.badRequest("Content-Length is not a number");
            }
            if (length > limit) {
                drain(in);
                throw tooLarge(limit);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > limit) {
                drain(in);
                throw tooLarge(limit);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The most of a refused body read and dropped, so that the client, still sending, reads the refusal. */
    private static final long DRAIN = 64L * 1024 * 1024;

    /**
     * Reads and drops what is left of a refused body, up to {@link #DRAIN}: closing on a client
     * that is still sending resets the connection, and it would never see the 413. Beyond that
     * the connection is closed anyway; the read timeout bounds a client that sends slowly.
     */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = DRAIN;
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
        }
    }

    private static HttpFailure tooLarge(int limit) {
        return HttpFailure.of(413, "the request body is larger than the limit of " + limit + " bytes");
    }

    void json(int status, String json) throws IOException {
        send(status, "application/json; charset=utf-8", DATA_POLICY, json.getBytes(StandardCharsets.UTF_8));
    }

    void html(int status, String html) throws IOException {
        send(status, "text/html; charset=utf-8", PAGE_POLICY, html.getBytes(StandardCharsets.UTF_8));
    }

    /** A file to save: served as an attachment, never shown in place. */
    void download(String type, String fileName, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        send(200, type, DATA_POLICY, text.getBytes(StandardCharsets.UTF_8));
    }

    void redirect(String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        send(303, "text/plain; charset=utf-8", DATA_POLICY, new byte[0]);
    }

    void header(String name, String value) {
        exchange.getResponseHeaders().add(name, value);
    }

    void send(int status, String type, String policy, byte[] body) throws IOException {
        start(status, type, policy, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!"HEAD".equals(method())) {
                out.write(body);
            }
        }
    }

    /** Starts a response whose body is written as it is made (chunked); the caller writes it and closes it. */
    OutputStream startStream(int status, String type) throws IOException {
        start(status, type, DATA_POLICY, 0);
        return exchange.getResponseBody();
    }

    private void start(int status, String type, String policy, long length) throws IOException {
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Content-Security-Policy", policy);
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
        h.set("Cache-Control", "no-store");
        sent = true;
        exchange.sendResponseHeaders(status, "HEAD".equals(method()) || status == 303 ? -1 : length == 0 ? 0 : length);
    }

    boolean sent() {
        return sent;
    }

    /** {@code a=1&b=2} with percent escapes and {@code +} decoded; a malformed escape is a 400. */
    static Map<String, List<String>> parseForm(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw HttpFailure.badRequest("malformed percent escape in the form or query");
            }
        }
        return out;
    }
}
