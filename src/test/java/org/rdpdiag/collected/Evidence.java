package org.rdpdiag.collected;

import java.util.ArrayList;
import java.util.List;

/** Evidence files written the way the collectors write them, one item per line, for tests. */
final class Evidence {
    private final String side;
    private final List<String> items = new ArrayList<>();
    private String collectedAt = "2026-12-01T10:02:11Z";

    private Evidence(String side) {
        this.side = side;
    }

    static Evidence host() {
        return new Evidence("host");
    }

    static Evidence client() {
        return new Evidence("client");
    }

    Evidence at(String time) {
        collectedAt = time;
        return this;
    }

    /** A registry value read. */
    Evidence registry(String id, String path, String name, long value) {
        return item(id, "registry", "{\"path\":" + q(path) + ",\"name\":" + q(name) + "}",
                "\"result\":{\"type\":\"REG_DWORD\",\"value\":" + value + "}");
    }

    /** A registry value that does not exist. */
    Evidence absent(String id, String path, String name) {
        return item(id, "registry", "{\"path\":" + q(path) + ",\"name\":" + q(name) + "}",
                "\"error\":{\"kind\":\"not-present\",\"message\":\"Property " + name + " does not exist at path " + path.replace("\\", "\\\\") + ".\"}");
    }

    /** Any item, its query and its result or error given as JSON. */
    Evidence item(String id, String kind, String query, String resultOrError) {
        items.add("{\"id\":" + q(id) + ",\"kind\":" + q(kind) + ",\"query\":" + query + "," + resultOrError
                + ",\"readAt\":\"2026-12-01T10:02:12Z\"}");
        return this;
    }

    /** The file: the envelope on the first lines, then item {@code i} on line {@code FIRST_ITEM_LINE + i}. */
    String json() {
        return "{\"format\":\"rdpdiag-evidence\",\"version\":1,\"side\":\"" + side + "\",\n"
                + "\"collector\":{\"name\":\"rdpdiag-" + side + ".ps1\",\"version\":\"1.0.0\"},\n"
                + "\"computer\":\"RDS01\",\"collectedAt\":\"" + collectedAt + "\",\"redacted\":false,\n"
                + "\"items\":[\n" + String.join(",\n", items) + "\n]}\n";
    }

    static final int FIRST_ITEM_LINE = 5;

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
