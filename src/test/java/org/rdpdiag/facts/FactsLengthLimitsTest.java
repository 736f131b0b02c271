package org.rdpdiag.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rdpdiag.interview.AnswerParser;
import org.rdpdiag.interview.Candidate;
import tools.jackson.databind.JsonNode;

/** Every free-text observation has a length limit, enforced with a located error wherever facts come in. */
class FactsLengthLimitsTest {

    /** Every string property without a closed set of values or a code format, with its limit (null when it has none). */
    static Map<String, Integer> freeTextFields() {
        Map<String, Integer> out = new TreeMap<>();
        JsonNode root = FactsSchema.bundled().root();
        collect(root.path("properties"), "", out);
        return out;
    }

    private static void collect(JsonNode properties, String prefix, Map<String, Integer> out) {
        properties.properties().forEach(e -> {
            JsonNode p = e.getValue();
            String path = prefix + e.getKey();
            if (p.has("properties")) {
                collect(p.path("properties"), path + ".", out);
            } else if (FactsSchema.types(p).contains("string") && !p.has("enum") && !p.has("x-format")) {
                out.put(path, p.has("maxLength") ? p.get("maxLength").asInt() : null);
            }
        });
    }

    static List<String> freeTextPaths() {
        return new ArrayList<>(freeTextFields().keySet());
    }

    @Test
    void everyFreeTextFieldHasALimitThatHonestInputStaysFarBelow() {
        Map<String, Integer> fields = freeTextFields();
        assertEquals(List.of("client.applicationVersion", "client.os", "error.dialogText", "host.os", "id"),
                new ArrayList<>(fields.keySet()), "the free-text fields; a new one needs a maxLength too");
        fields.forEach((path, max) -> {
            assertNotNull(max, path + " has a maxLength");
            assertTrue(max >= 100 && max <= 4000, path + ": " + max);
        });
    }

    @Test
    void theUserDocumentationStatesEveryLimit() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/facts.md"));
        freeTextFields().forEach((path, max) -> {
            String field = path.substring(path.indexOf('.') + 1);
            String stated = path.equals("id") ? "The `id` (text, at most " + max + " characters)"
                    : "| `" + field + "` | text, at most " + max + " characters |";
            assertTrue(doc.contains(stated), "docs/facts.md states the limit of " + path + ": " + stated);
        });
    }

    @Test
    void aMegabyteDialogTextIsRefusedAtItsLineAndColumnWithoutEchoingIt() {
        String text = "id: big\nerror:\n  mainCode: 0x904\n  dialogText: \"" + "connection closed ".repeat(55_000) + "\"\n";
        assertTrue(text.length() < FactsReader.MAX_BYTES, "inside the file size limit, so only the field limit stops it");
        FactsException e = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertThrows(FactsException.class, () -> FactsReader.read(text, "big.yaml", null)));
        assertEquals(1, e.problems().size(), e.getMessage());
        FactsProblem p = e.problems().get(0);
        assertEquals("big.yaml:4:15: error: error.dialogText: expected text of at most 4000 characters, found 990000 "
                + "characters (shorten it to what identifies the case; longer text is pasted data, not an observation)",
                p.toString());
    }

    @Test
    void aLongValueInJsonIsLocatedToo() {
        String json = "{\"id\": \"h\",\n \"host\": {\"os\": \"" + "W".repeat(201) + "\"}}";
        FactsProblem p = assertThrows(FactsException.class, () -> FactsReader.read(json, "h.json", null)).problems().get(0);
        assertEquals("h.json:2:17", p.file() + ":" + p.line() + ":" + p.column());
        assertTrue(p.message().startsWith("host.os: expected text of at most 200 characters, found 201"), p.message());
    }

    @ParameterizedTest
    @MethodSource("freeTextPaths")
    void theLimitIsExactAndCountsCharactersNotUtf16Units(String path) {
        int max = freeTextFields().get(path);
        // U+1F5A5 (a desktop computer) is two UTF-16 units but one character.
        String atLimit = "\uD83D\uDDA5".repeat(max);
        HostFacts ok = FactsReader.read(document(path, atLimit), "ok.yaml", FactsReader.Format.YAML);
        assertEquals(atLimit, path.equals("id") ? ok.id() : ok.value(path));
        FactsException e = assertThrows(FactsException.class,
                () -> FactsReader.read(document(path, atLimit + "x"), "long.yaml", FactsReader.Format.YAML));
        assertTrue(e.problems().get(0).message().equals(path + ": expected text of at most " + max
                + " characters, found " + (max + 1) + " characters"), e.getMessage());
    }

    private static String document(String path, String value) {
        if (path.equals("id")) {
            return "id: \"" + value + "\"\n";
        }
        String[] parts = path.split("\\.");
        return parts[0] + ":\n  " + parts[1] + ": \"" + value + "\"\n";
    }

    @Test
    void anIdOverTheLimitIsNotUsedToNameTheBadRecord() {
        FactsException e = assertThrows(FactsException.class,
                () -> FactsReader.read("id: " + "h".repeat(257) + "\n", "rec.yaml", null));
        assertFalse(e.id().isPresent(), "the id is not shown");
        FactsException shortId = assertThrows(FactsException.class,
                () -> FactsReader.read("id: h1\nhost: {os: " + "h".repeat(201) + "}\n", "rec.yaml", null));
        assertEquals("h1", shortId.id().orElseThrow(), "a valid id still names a bad record");
    }

    @Test
    void aCsvCellOverTheLimitIsLocatedAtTheCell() {
        FactColumns columns = FactColumns.of(List.of(new FactColumns.Cell("id", 1, 1),
                new FactColumns.Cell("error.dialogText", 1, 4)), "fleet.csv");
        FactsException e = assertThrows(FactsException.class, () -> columns.read(List.of(new FactColumns.Cell("h1", 2, 1),
                new FactColumns.Cell("d".repeat(4001), 2, 4)), "row-2"));
        assertEquals("fleet.csv:2:4: error: error.dialogText: expected text of at most 4000 characters, found 4001 "
                + "characters (shorten it to what identifies the case; longer text is pasted data, not an observation)",
                e.problems().get(0).toString());
    }

    @Test
    void anInterviewAnswerOverTheLimitIsAskedAgain() {
        FactField field = org.rdpdiag.facts.Vocabulary.bundled().field("client.applicationVersion").orElseThrow();
        assertEquals(100, field.maxLength());
        Candidate c = new Candidate(null, field, List.of(), null, null);
        assertEquals("1.2.5105.0", AnswerParser.parse("1.2.5105.0", c).value());
        AnswerParser.Parsed tooLong = AnswerParser.parse("1".repeat(101), c);
        assertFalse(tooLong.ok());
        assertTrue(tooLong.hint().startsWith("at most 100 characters"), tooLong.hint());
    }
}
