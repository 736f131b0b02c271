package org.rdpdiag.facts;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Builds a {@link Located} tree from JSON text with Jackson's streaming parser, so that every key
 * and value keeps the position of its first character. Duplicate keys are kept for the validator
 * to report; Jackson would silently let the last one win.
 */
final class JsonTree {
    /** The parser alone: a mapper would cost a cold start its set-up and is not needed for a tree of our own. */
    private static final JsonFactory JSON = new JsonFactory();

    private final String file;
    private final Problems problems;

    private JsonTree(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The tree of {@code text}, or {@code null} when it holds nothing but white space. */
    static Located read(String text, String file, Problems problems) {
        return new JsonTree(file, problems).document(text);
    }

    private Located document(String text) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            Located root = value(p, t, 0);
            if (p.nextToken() != null) {
                throw problems.fatal(pos(p.currentTokenLocation()),
                        "unexpected content after the end of the top-level value",
                        "a facts file holds one JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw syntaxError(e.getOriginalMessage(), e.getLocation());
        }
    }

    private Located value(JsonParser p, JsonToken t, int depth) {
        Located.Pos pos = pos(p.currentTokenLocation());
        switch (t) {
            case START_OBJECT, START_ARRAY -> {
                if (depth >= YamlTree.MAX_DEPTH) {
                    throw problems.fatal(pos, YamlTree.TOO_DEEP);
                }
                return t == JsonToken.START_OBJECT ? object(p, pos, depth) : array(p, pos, depth);
            }
            case VALUE_STRING -> {
                return new Located.Scalar(pos, p.getString(), p.getString());
            }
            case VALUE_NUMBER_INT -> {
                return new Located.Scalar(pos, p.getBigIntegerValue(), p.getString());
            }
            case VALUE_NUMBER_FLOAT -> {
                return new Located.Scalar(pos, p.getDoubleValue(), p.getString());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Located.Scalar(pos, t == JsonToken.VALUE_TRUE, p.getString());
            }
            case VALUE_NULL -> {
                return new Located.Scalar(pos, null, "null");
            }
            default -> throw new IllegalStateException("unexpected JSON token " + t);
        }
    }

    private Located object(JsonParser p, Located.Pos pos, int depth) {
        List<Located.Entry> entries = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            Located.Pos keyPos = pos(p.currentTokenLocation());
            Located value = value(p, p.nextToken(), depth + 1);
            entries.add(new Located.Entry(key, keyPos, value));
        }
        return new Located.Mapping(pos, entries);
    }

    private Located array(JsonParser p, Located.Pos pos, int depth) {
        List<Located> items = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            items.add(value(p, t, depth + 1));
        }
        return new Located.Sequence(pos, items);
    }

    /** Jackson's messages name Java-ish features and code points; say what to fix instead. */
    private FactsException syntaxError(String original, TokenStreamLocation location) {
        String m = original == null ? "" : original;
        String message;
        String suggestion = null;
        if (m.contains("was expecting a colon")) {
            message = "expected ':' after a key";
        } else if (m.contains("was expecting double-quote to start property name")) {
            if (m.startsWith("Unexpected character ('}'")) {
                message = "a ',' must not come before '}'";
                suggestion = "remove the trailing comma";
            } else {
                message = "expected a key in double quotes";
            }
        } else if (m.contains("was expecting comma to separate Object entries")) {
            message = "expected ',' between entries or '}' to close the object";
        } else if (m.contains("was expecting comma to separate Array entries")) {
            message = "expected ',' between list items or ']' to close the list";
        } else if (m.contains("maybe a (non-standard) comment")) {
            message = "comments are not allowed in JSON";
            suggestion = "remove the comment, or write the facts as YAML, which allows '#' comments";
        } else if (m.startsWith("Unexpected character (''')")) {
            message = "strings in JSON need double quotes";
        } else if (m.startsWith("Unexpected character (']'") || m.startsWith("Unexpected character ('}'")) {
            message = "a value is missing before " + m.charAt("Unexpected character ('".length());
            suggestion = "remove the trailing comma";
        } else if (m.startsWith("Unrecognized token '")) {
            String token = m.substring("Unrecognized token '".length(), Math.max(m.indexOf("':"), "Unrecognized token '".length()));
            message = "'" + token + "' is not a JSON value";
            suggestion = "text needs double quotes; true, false and null are lower case";
        } else if (m.contains("expected close marker for Object")) {
            message = "the file ends before the closing '}'";
        } else if (m.contains("expected close marker for Array")) {
            message = "the file ends before the closing ']'";
        } else if (m.contains("was expecting closing quote")) {
            message = "a string is not closed";
            suggestion = "add the closing '\"'";
        } else if (m.startsWith("Unexpected close marker")) {
            message = "unexpected '" + (m.contains("']'") ? "]" : "}") + "': nothing is open to close here";
        } else if (m.contains("Illegal unquoted character")) {
            message = "a string contains a line break or control character";
            suggestion = "write line breaks as \\n";
        } else if (m.contains("Leading zeroes not allowed")) {
            message = "a number must not start with 0 in JSON";
        } else if (m.contains("nesting depth")) {
            message = "the file is nested too deeply";
        } else if (m.startsWith("Unexpected end-of-input")) {
            // Cut off in the middle of a key or a string: a copy that stopped early, or a truncated upload.
            message = "the file ends before the JSON is complete (in the middle of " + (m.contains("property name") ? "a key"
                    : m.contains("String value") ? "a string" : "a value") + ")";
            suggestion = "the file looks cut off: copy or collect it again";
        } else if (m.startsWith("Non-standard token")) {
            message = "NaN and Infinity are not numbers in JSON";
        } else {
            message = "not valid JSON: " + firstLine(m);
        }
        return problems.fatal(location == null ? Located.Pos.START : pos(location), message, suggestion);
    }

    private static String firstLine(String s) {
        int cut = s.indexOf('\n');
        return cut < 0 ? s : s.substring(0, cut);
    }

    private static Located.Pos pos(TokenStreamLocation l) {
        return new Located.Pos(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }
}
