package org.rdpdiag.support;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.FactsReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fleet of any size for batch tests, in JSON Lines: host {@code i} has the observations of the
 * bundled example {@code i} modulo their number (every cause family), under the id
 * {@code host-000000i+1}. The same index always gives the same line, so a test can compute what
 * any host of a file it wrote holds.
 */
public final class TestFleet {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static List<Map<String, Object>> examples;

    private TestFleet() {}

    private static synchronized List<Map<String, Object>> examples() {
        if (examples == null) {
            examples = Examples.files().stream().map(f -> FactValues.of(FactsReader.read(f))).toList();
        }
        return examples;
    }

    public static String id(long i) {
        return String.format(Locale.ROOT, "host-%07d", i + 1);
    }

    /** Host {@code i} as one line of JSON Lines (without the line break). */
    public static String jsonLine(long i) {
        return JSON.writeValueAsString(FactValues.nested(org.rdpdiag.facts.Vocabulary.bundled(), id(i), examples().get((int) (i % examples().size()))));
    }

    /** Host {@code i} with {@code host.nlaRequired: "yes"}, which the facts reader refuses as not a boolean. */
    public static String invalidJsonLine(long i) {
        Map<String, Object> values = new java.util.LinkedHashMap<>(examples().get((int) (i % examples().size())));
        values.put("host.nlaRequired", "yes");
        return JSON.writeValueAsString(FactValues.nested(org.rdpdiag.facts.Vocabulary.bundled(), id(i), values));
    }

    /** Hosts {@code 0 .. count-1}; with {@code invalidEvery > 0}, every {@code invalidEvery}-th one is invalid. */
    public static void writeJsonLines(Path file, long count, int invalidEvery) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            for (long i = 0; i < count; i++) {
                boolean invalid = invalidEvery > 0 && (i + 1) % invalidEvery == 0;
                out.write(invalid ? invalidJsonLine(i) : jsonLine(i));
                out.write('\n');
            }
        }
    }
}
