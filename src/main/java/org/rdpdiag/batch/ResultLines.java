package org.rdpdiag.batch;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactsProblem;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The line formats of a run's results: one JSON object per line (the contract in
 * {@code docs/batch.md}), and one CSV row per host for spreadsheets. They live next to
 * {@link HostResult} rather than with the report renderers because they are the batch's own
 * record format: resuming and the fleet report read the JSON lines back.
 */
public final class ResultLines {
    private static final JsonMapper JSON = org.rdpdiag.text.InertJson.mapper().build();

    /** The CSV header; {@link #csv} writes the cells in this order. */
    public static final List<String> CSV_COLUMNS = List.of("index", "id", "file", "line", "result", "leading_cause",
            "leading_status", "leading_confidence", "confirmed", "likely", "ruled_out", "plan_steps", "first_step", "plan",
            "error");

    private ResultLines() {}

    /** One JSON object, without a line break (JSON escapes every control character in strings). */
    public static String json(HostResult r) {
        return json(r, null);
    }

    /**
     * As {@link #json(HostResult)}, ending with the fingerprint of the run ({@code "run"}), so
     * that {@code --resume} can tell the results of this run from those of another.
     */
    public static String json(HostResult r, String run) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberProperty("index", r.index());
            g.writeStringProperty("id", r.id());
            g.writeStringProperty("file", r.file());
            g.writeNumberProperty("line", r.line());
            g.writeStringProperty("result", r.outcome().word());
            if (r.outcome() == HostResult.Outcome.DIAGNOSED) {
                g.writeArrayPropertyStart("causes");
                for (HostResult.RankedCause c : r.causes()) {
                    g.writeStartObject();
                    g.writeStringProperty("id", c.id());
                    g.writeStringProperty("status", c.status().word());
                    g.writeNumberProperty("confidence", c.confidence());
                    if (c.contradictory()) {
                        g.writeBooleanProperty("contradictory", true);
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                strings(g, "ruledOut", r.ruledOut());
                strings(g, "plan", r.plan());
            } else {
                g.writeArrayPropertyStart("errors");
                for (FactsProblem p : r.problems()) {
                    g.writeStartObject();
                    g.writeNumberProperty("line", p.line());
                    g.writeNumberProperty("column", p.column());
                    g.writeStringProperty("message", p.message());
                    if (p.suggestion() != null) {
                        g.writeStringProperty("suggestion", p.suggestion());
                    }
                    g.writeStringProperty("text", p.toString());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (run != null) {
                g.writeStringProperty("run", run);
            }
            g.writeEndObject();
        }
        return w.toString();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) {
        g.writeArrayPropertyStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** A result line read back, with the fingerprint of the run that wrote it (null when it has none). */
    public record Parsed(HostResult result, String run) {}

    /** Reads a line written by {@link #json} back. */
    public static HostResult parse(String line) {
        return parse(JSON.readTree(line));
    }

    /** Reads a line written by {@link #json(HostResult, String)} back, with its run. */
    public static Parsed parseWithRun(String line) {
        JsonNode n = JSON.readTree(line);
        return new Parsed(parse(n), n.hasNonNull("run") ? n.get("run").asString() : null);
    }

    private static HostResult parse(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a result line");
        }
        HostResult.Outcome outcome = switch (n.path("result").asString("")) {
            case "diagnosed" -> HostResult.Outcome.DIAGNOSED;
            case "invalid" -> HostResult.Outcome.INVALID;
            case "failed" -> HostResult.Outcome.FAILED;
            default -> throw new IllegalArgumentException("not a result line");
        };
        String file = n.path("file").asString("");
        List<HostResult.RankedCause> causes = new ArrayList<>();
        n.path("causes").forEach(c -> causes.add(new HostResult.RankedCause(c.path("id").asString(),
                Status.of(c.path("status").asString()), c.path("confidence").asDouble(), c.path("contradictory").asBoolean(false))));
        List<String> ruledOut = new ArrayList<>();
        n.path("ruledOut").forEach(c -> ruledOut.add(c.asString()));
        List<String> plan = new ArrayList<>();
        n.path("plan").forEach(c -> plan.add(c.asString()));
        List<FactsProblem> problems = new ArrayList<>();
        n.path("errors").forEach(e -> problems.add(new FactsProblem(file, e.path("line").asInt(), e.path("column").asInt(),
                e.path("message").asString(""), e.hasNonNull("suggestion") ? e.get("suggestion").asString() : null)));
        return new HostResult(n.path("index").asLong(), n.path("id").asString(""), file, n.path("line").asInt(), outcome,
                causes, ruledOut, plan, problems);
    }

    /** The CSV header line, with its line break. */
    public static String csvHeader() {
        return String.join(",", CSV_COLUMNS) + "\r\n";
    }

    /** One CSV row (RFC 4180, CRLF), with its line break. */
    public static String csv(HostResult r) {
        HostResult.RankedCause lead = r.causes().isEmpty() ? null : r.causes().get(0);
        StringJoiner row = new StringJoiner(",", "", "\r\n");
        row.add(Long.toString(r.index()));
        row.add(text(r.id()));
        row.add(text(r.file()));
        row.add(Integer.toString(r.line()));
        row.add(r.outcome().word());
        row.add(lead == null ? "" : lead.id());
        row.add(lead == null ? "" : lead.status().word());
        row.add(lead == null ? "" : Double.toString(lead.confidence()));
        row.add(ids(r.causes(), Status.CONFIRMED));
        row.add(ids(r.causes(), Status.LIKELY));
        row.add(r.outcome() == HostResult.Outcome.DIAGNOSED ? Integer.toString(r.ruledOut().size()) : "");
        row.add(r.outcome() == HostResult.Outcome.DIAGNOSED ? Integer.toString(r.plan().size()) : "");
        row.add(r.plan().isEmpty() ? "" : r.plan().get(0));
        row.add(String.join(" ", r.plan()));
        String error = r.problems().isEmpty() ? ""
                : r.problems().get(0) + (r.problems().size() > 1 ? " (and " + (r.problems().size() - 1) + " more)" : "");
        row.add(text(error));
        return row.toString();
    }

    private static String ids(List<HostResult.RankedCause> causes, Status status) {
        StringJoiner out = new StringJoiner(" ");
        causes.stream().filter(c -> c.status() == status).forEach(c -> out.add(c.id()));
        return out.toString();
    }

    /**
     * A text cell: quoted when it holds a separator, quote or line break (quotes doubled), and
     * prefixed with {@code '} when a spreadsheet would take it for a formula ({@code =}, {@code +},
     * {@code -}, {@code @} or a control character first), since ids and messages come from the input.
     * Control characters and bidirectional overrides are escaped visibly first, by
     * {@link org.rdpdiag.text.Inert}: a summary is read in terminals and viewers as much as in
     * spreadsheets.
     */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = org.rdpdiag.text.Inert.terminal(value);
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r' || c == ';';
        }
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
