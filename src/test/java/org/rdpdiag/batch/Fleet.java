package org.rdpdiag.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.report.FleetReport;
import org.rdpdiag.support.Examples;
import tools.jackson.databind.json.JsonMapper;

/** A small fleet written in every input format, and a runner for the batch service in tests. */
final class Fleet {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> COLUMNS = List.of("id", "error.mainCode", "error.extendedCode", "host.tls12ServerEnabled",
            "host.certificateState", "host.termServiceState", "host.eventIdsSeen");

    /** Five hosts: three with a clear cause, one with only the codes (and no id), one with a hostile id. */
    static final List<Map<String, Object>> HOSTS = List.of(
            host("web01", "0x904", "0x7", false, null, null, null),
            host("web02", "0x904", "0x7", null, "expired", null, null),
            host("web03", null, null, null, null, "stopped", List.of(36870, 36871)),
            host(null, "0x904", "0x7", null, null, null, null),
            host("<script>alert('x')</script>", "0x904", null, true, "valid", "running", List.of()));

    private Fleet() {}

    static Map<String, Object> host(String id, String main, String extended, Boolean tls12, String certificate,
            String termService, List<Integer> events) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("error.mainCode", main);
        values.put("error.extendedCode", extended);
        values.put("host.tls12ServerEnabled", tls12);
        values.put("host.certificateState", certificate);
        values.put("host.termServiceState", termService);
        values.put("host.eventIdsSeen", events);
        return values;
    }

    /** A host's facts in the facts-file layout (sections), known values only. */
    static Map<String, Object> nested(Map<String, Object> values) {
        Map<String, Object> root = new LinkedHashMap<>();
        values.forEach((path, value) -> {
            if (value == null) {
                return;
            }
            if (path.equals("id")) {
                root.put("id", value);
                return;
            }
            String section = path.substring(0, path.indexOf('.'));
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) root.computeIfAbsent(section, k -> new LinkedHashMap<String, Object>());
            m.put(path.substring(section.length() + 1), value);
        });
        return root;
    }

    static String jsonLines(List<Map<String, Object>> hosts) {
        StringBuilder out = new StringBuilder();
        hosts.forEach(h -> out.append(JSON.writeValueAsString(nested(h))).append('\n'));
        return out.toString();
    }

    static String yamlDocuments(List<Map<String, Object>> hosts) {
        StringBuilder out = new StringBuilder("# a fleet, one host per document\n");
        for (Map<String, Object> h : hosts) {
            out.append("---\n");
            nested(h).forEach((key, value) -> {
                if (value instanceof Map<?, ?> section) {
                    out.append(key).append(":\n");
                    section.forEach((k, v) -> out.append("  ").append(k).append(": ").append(JSON.writeValueAsString(v)).append('\n'));
                } else {
                    out.append(key).append(": ").append(JSON.writeValueAsString(value)).append('\n');
                }
            });
        }
        return out.toString();
    }

    static String csv(List<Map<String, Object>> hosts) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (Map<String, Object> h : hosts) {
            List<String> cells = new ArrayList<>();
            for (String c : COLUMNS) {
                Object v = h.get(c);
                String text = v == null ? "" : v instanceof List<?> l
                        ? "[" + String.join(";", l.stream().map(String::valueOf).toList()) + "]" : String.valueOf(v);
                cells.add(text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    /** One facts file per host in a folder, names in input order (some JSON, some in a sub-folder). */
    static Path folder(Path dir, List<Map<String, Object>> hosts) throws IOException {
        Files.createDirectories(dir.resolve("h3-more"));
        for (int i = 0; i < hosts.size(); i++) {
            Map<String, Object> nested = nested(hosts.get(i));
            String name = "h" + (i + 1);
            Path file = i == 1 ? dir.resolve(name + ".json") : i == 2 ? dir.resolve("h3-more").resolve(name + ".yaml")
                    : dir.resolve(name + ".yaml");
            Files.writeString(file, i == 1 ? JSON.writeValueAsString(nested) : yamlDocuments(List.of(hosts.get(i))));
        }
        Files.writeString(dir.resolve("notes.txt"), "not facts: skipped");
        return dir;
    }

    /** The outcome of a run: summary and the lines of each output. */
    record Run(BatchSummary summary, List<String> lines, List<HostResult> results) {}

    static DiagnoseService service() {
        return Examples.service();
    }

    /** The service as the command line makes it: with the HTML fleet report. */
    static BatchService batch() {
        return new BatchService(service(), FleetReport.HTML);
    }

    static Run run(BatchService.Request request) throws IOException, InterruptedException {
        return run(batch(), request, BatchListener.NONE, new AtomicBoolean());
    }

    static Run run(BatchService service, BatchService.Request request, BatchListener listener, AtomicBoolean stop)
            throws IOException, InterruptedException {
        BatchSummary s = service.run(request, listener, stop);
        List<String> lines = Files.readAllLines(request.out(), StandardCharsets.UTF_8);
        return new Run(s, lines, lines.stream().map(ResultLines::parse).toList());
    }

    static BatchService.Request request(List<String> inputs, Path out) {
        return new BatchService.Request(inputs, InputFormat.AUTO, InputStream.nullInputStream(), out, null, null, null, false, 2, 3);
    }

    static BatchService.Request withStdin(BatchService.Request r, String stdin) {
        return new BatchService.Request(r.inputs(), r.format(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                r.out(), r.stdout(), r.csv(), r.report(), r.resume(), r.threads(), r.top());
    }

    static BatchService.Request outputs(BatchService.Request r, Path csv, Path report, boolean resume) {
        return new BatchService.Request(r.inputs(), r.format(), r.stdin(), r.out(), r.stdout(), csv, report, resume, r.threads(),
                r.top());
    }
}
