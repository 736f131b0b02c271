package org.rdpdiag.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A form as a browser posts it ({@code multipart/form-data}, or URL-encoded when it has no
 * file): its parts by name, each with its file name when it is a file. The body was already
 * bounded by the caller; a malformed one is a 400.
 */
final class Multipart {
    /** One field of the form: its bytes, and the file name for a file. */
    record Part(String fileName, byte[] bytes) {}

    private final Map<String, Part> parts;

    private Multipart(Map<String, Part> parts) {
        this.parts = parts;
    }

    Part part(String name) {
        return parts.get(name);
    }

    String text(String name) {
        Part p = parts.get(name);
        return p == null ? null : new String(p.bytes(), StandardCharsets.UTF_8);
    }

    static Multipart ofUrlEncoded(byte[] body) {
        Map<String, Part> parts = new LinkedHashMap<>();
        Call.parseForm(new String(body, StandardCharsets.UTF_8)).forEach((k, v) ->
                parts.put(k, new Part(null, v.get(0).getBytes(StandardCharsets.UTF_8))));
        return new Multipart(parts);
    }

    static Multipart parse(String contentType, byte[] body) {
        String boundary = null;
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                boundary = p.substring("boundary=".length());
                if (boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
                    boundary = boundary.substring(1, boundary.length() - 1);
                }
            }
        }
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw HttpFailure.badRequest("the form has no usable multipart boundary");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new LinkedHashMap<>();
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw HttpFailure.badRequest("the form's body does not hold its boundary");
        }
        while (true) {
            int after = at + delimiter.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                break; // the closing delimiter
            }
            int headersStart = skipLineEnd(body, after);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                throw HttpFailure.badRequest("a part of the form has no end of headers");
            }
            int contentStart = headersEnd + 4;
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), contentStart);
            if (next < 0) {
                throw HttpFailure.badRequest("a part of the form is not closed");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            String name = null;
            String fileName = null;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                    name = attribute(line, "name");
                    fileName = attribute(line, "filename");
                }
            }
            if (name != null && !parts.containsKey(name)) {
                parts.put(name, new Part(fileName, Arrays.copyOfRange(body, contentStart, next)));
            }
            at = next + 2;
        }
        return new Multipart(parts);
    }

    private static int skipLineEnd(byte[] body, int at) {
        return at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n' ? at + 2 : at;
    }

    /** {@code name="value"} in a Content-Disposition line; the quoted form is what browsers send. */
    private static String attribute(String line, String attribute) {
        for (String part : line.split(";")) {
            String p = part.strip();
            if (p.startsWith(attribute + "=")) {
                String v = p.substring(attribute.length() + 1);
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
