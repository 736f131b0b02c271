package org.rdpdiag.facts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The facts schema (written from the observation vocabulary, {@link Vocabulary}, and published as
 * {@code facts/schema/host-facts.schema.json}) and a small interpreter for the part of JSON Schema
 * 2020-12 it uses. The schema, not this code, decides which keys exist, their types, allowed values
 * and ranges; the interpreter only adds the wording of messages. The vocabulary file itself is
 * checked with it too.
 *
 * <p>Supported keywords: {@code type} (a name or a list of names), {@code enum}, {@code minimum},
 * {@code maximum}, {@code maxLength} (counted in Unicode characters, as JSON Schema does), {@code pattern}, {@code items}, {@code uniqueItems}, {@code properties},
 * {@code required}, {@code additionalProperties: false}, {@code x-format: code} and {@code x-unique-by}. Annotations ({@code description},
 * {@code x-windows}, {@code title}, ...) are ignored. Loading fails on any other keyword, so a
 * schema edit can never be silently ignored. Two readings are ours: {@code integer} means a 32-bit
 * whole number (the records use {@link Integer}), and {@code x-format: code} turns a hex or decimal
 * string into an integer before {@code minimum}/{@code maximum} apply. {@code x-unique-by: <key>} on a
 * list of mappings refuses a second item with the same value of that key (one entry per step).
 *
 * <p>Over 400 lines because it is one interpreter of the schema's keywords, each with its located
 * error and suggestion; splitting them would part each keyword from the words it reports.
 */
final class FactsSchema {
    private static final Set<String> KEYWORDS = Set.of("$schema", "$id", "$comment", "title", "description",
            "type", "enum", "minimum", "maximum", "maxLength", "pattern", "items", "uniqueItems", "properties",
            "required", "additionalProperties", "x-format", "x-unique-by", "x-windows", "x-unit");
    private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean", "null");
    /** Marks a value that failed validation; it never reaches the records. */
    private static final Object INVALID = new Object();

    private final JsonNode root;
    /** For each key, the objects that declare it ("" is the top level); used for "belongs under" hints. */
    private final Map<String, List<String>> owners = new LinkedHashMap<>();
    /** Compiled once; the bundled schema is shared by every thread that reads facts. */
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    private FactsSchema(JsonNode root) {
        this.root = root;
        verify(root, "");
        collectOwners(root, "");
    }

    /** A schema from a tree, e.g. a changed copy in a test. */
    static FactsSchema of(JsonNode root) {
        return new FactsSchema(root);
    }

    /** The schema node of one observation ({@code host.nlaRequired}), or null. */
    JsonNode fieldNode(String path) {
        String[] parts = path.split("\\.", 2);
        if (parts.length != 2) {
            return null;
        }
        JsonNode node = root.path("properties").path(parts[0]).path("properties").path(parts[1]);
        return node.isMissingNode() ? null : node;
    }

    /** The longest id the schema allows (its {@code maxLength}). */
    int idMaxLength() {
        return root.path("properties").path("id").path("maxLength").asInt(Integer.MAX_VALUE);
    }

    /** The schema of the bundled vocabulary. */
    static FactsSchema bundled() {
        return Vocabulary.bundled().schema();
    }

    JsonNode root() {
        return root;
    }

    /** The names of the top-level sections (the object-valued properties), in schema order. */
    List<String> sections() {
        List<String> out = new ArrayList<>();
        root.path("properties").properties().forEach(e -> {
            if (types(e.getValue()).contains("object")) {
                out.add(e.getKey());
            }
        });
        return out;
    }

    /**
     * Checks {@code document} against the schema, adding every problem found, and returns the
     * plain value tree (maps, lists, {@link Integer}, {@link Double}, {@link String},
     * {@link Boolean}) with codes normalised to integers. The tree is meaningful only when no
     * problem was added.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> validate(Located document, Problems problems) {
        Object value = check(root, document, "", problems);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private Object check(JsonNode schema, Located node, String path, Problems problems) {
        if (node instanceof Located.Refused) {
            return INVALID; // already reported where it was found
        }
        List<String> types = types(schema);
        if (!types.isEmpty() && types.stream().noneMatch(t -> matches(t, node))) {
            typeProblem(schema, types, node, path, problems);
            return INVALID;
        }
        if (node instanceof Located.Mapping m) {
            return object(schema, m, path, problems);
        }
        if (node instanceof Located.Sequence s) {
            return array(schema, s, path, problems);
        }
        return scalar(schema, types, (Located.Scalar) node, path, problems);
    }

    private Object object(JsonNode schema, Located.Mapping mapping, String path, Problems problems) {
        JsonNode properties = schema.path("properties");
        boolean closed = schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Located.Pos> seen = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        boolean valid = true;
        for (Located.Entry entry : mapping.entries()) {
            Located.Pos first = seen.putIfAbsent(entry.key(), entry.keyPos());
            if (first != null) {
                problems.add(entry.keyPos(), "duplicate key '" + Hints.key(entry.key()) + "' " + where(path)
                        + "; it was already given at line " + problems.line(first) + ", column " + first.column(), "keep only one of them");
                valid = false;
                continue;
            }
            JsonNode property = properties.get(entry.key());
            if (property != null) {
                Object value = check(property, entry.value(), child(path, entry.key()), problems);
                valid &= value != INVALID;
                out.put(entry.key(), value);
            } else if (closed) {
                unknownKey(entry, path, properties, problems);
                unknown.add(entry.key());
                valid = false;
            }
        }
        for (JsonNode name : schema.path("required")) {
            String key = name.asString();
            // A misspelt key was reported with this one as its suggestion; saying it is missing too adds nothing.
            if (!seen.containsKey(key) && unknown.stream().noneMatch(u -> Hints.closest(u, List.of(key)).isPresent())) {
                JsonNode property = properties.get(key);
                problems.add(mapping.pos(), (path.isEmpty() ? "" : path + ": ") + "the key '" + key
                        + "' is missing: expected " + expected(property, types(property)),
                        "each entry needs " + requiredKeys(schema));
                valid = false;
            }
        }
        return valid ? out : INVALID;
    }

    /** {@code step and outcome}: the keys a mapping must have. */
    private static String requiredKeys(JsonNode schema) {
        List<String> keys = new ArrayList<>();
        schema.path("required").forEach(k -> keys.add(k.asString()));
        return keys.size() < 2 ? String.join("", keys)
                : String.join(", ", keys.subList(0, keys.size() - 1)) + " and " + keys.get(keys.size() - 1);
    }

    private Object array(JsonNode schema, Located.Sequence sequence, String path, Problems problems) {
        JsonNode items = schema.get("items");
        boolean unique = schema.path("uniqueItems").asBoolean(false);
        String uniqueBy = schema.path("x-unique-by").asString(null);
        List<Object> out = new ArrayList<>();
        Set<Object> seen = new LinkedHashSet<>();
        Map<Object, Located.Pos> firstBy = new LinkedHashMap<>();
        boolean valid = true;
        for (int i = 0; i < sequence.items().size(); i++) {
            Located item = sequence.items().get(i);
            Object value = items == null ? plain(item) : check(items, item, path + "[" + i + "]", problems);
            if (value == INVALID) {
                valid = false;
            } else if (unique && !seen.add(value)) {
                problems.add(item.pos(), path + ": " + Hints.describe(item).replaceFirst("^number ", "")
                        + " is listed more than once", "list each value once");
                valid = false;
            } else if (uniqueBy != null && repeated(uniqueBy, value, item, path + "[" + i + "]", firstBy, problems)) {
                valid = false;
            } else {
                out.add(value);
            }
        }
        return valid ? out : INVALID;
    }

    /**
     * Whether a valid item of an {@code x-unique-by} list repeats the key of an earlier item; if so
     * it is reported where the repeated value is written, citing the first.
     */
    private static boolean repeated(String by, Object value, Located item, String path, Map<Object, Located.Pos> firstBy,
            Problems problems) {
        if (!(value instanceof Map<?, ?> map) || map.get(by) == null || !(item instanceof Located.Mapping mapping)) {
            return false;
        }
        Located.Pos at = mapping.entries().stream().filter(e -> e.key().equals(by)).map(e -> e.value().pos())
                .findFirst().orElse(item.pos());
        Located.Pos first = firstBy.putIfAbsent(map.get(by), at);
        if (first == null) {
            return false;
        }
        String shown = map.get(by) instanceof String s ? Hints.quote(s) : String.valueOf(map.get(by));
        problems.add(at, path + ": " + by + " " + shown + " is listed more than once; it was already given at line "
                + problems.line(first) + ", column " + first.column(), "keep one entry per " + by);
        return true;
    }

    private Object scalar(JsonNode schema, List<String> types, Located.Scalar scalar, String path, Problems problems) {
        Object value = scalar.value();
        if (value == null) {
            return null; // the type allows null (an empty section): nothing is known
        }
        String prefix = path + ": ";
        boolean code = "code".equals(schema.path("x-format").asString(""));
        if (value instanceof String text) {
            if (tooLong(schema, text, scalar.pos(), path, problems)) {
                return INVALID;
            }
            if (schema.has("pattern") && !pattern(schema.get("pattern").asString()).matcher(text).find()) {
                if (code) {
                    problems.add(scalar.pos(), prefix + "expected " + expected(schema, types) + ", found " + Hints.describe(scalar));
                } else {
                    problems.add(scalar.pos(), prefix + Hints.quote(text) + " does not have the expected form",
                            () -> formSuggestion(schema, text));
                }
                return INVALID;
            }
            if (code) {
                Optional<BigInteger> number = parseCode(text);
                if (number.isEmpty()) {
                    problems.add(scalar.pos(), prefix + "expected " + expected(schema, types) + ", found " + Hints.describe(scalar));
                    return INVALID;
                }
                return number(schema, List.of("integer"), scalar.pos(), number.get(), text, path, problems);
            }
            if (!inEnum(schema, value)) {
                enumProblem(schema, scalar, path, problems);
                return INVALID;
            }
            return text;
        }
        if (!inEnum(schema, value)) {
            enumProblem(schema, scalar, path, problems);
            return INVALID;
        }
        if (value instanceof Boolean) {
            return value;
        }
        return number(schema, types, scalar.pos(), value, scalar.raw(), path, problems);
    }

    /** An id written with capitals, spaces or underscores: the form the pattern accepts, if that is all. */
    private String formSuggestion(JsonNode schema, String text) {
        String fixed = text.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-");
        return !fixed.equals(text) && pattern(schema.get("pattern").asString()).matcher(fixed).find()
                ? "did you mean '" + fixed + "'?" : null;
    }

    /**
     * A free-text value beyond the schema's {@code maxLength}. Checked first, so that a pasted
     * log or a runaway export is refused before anything else looks at it; the message names the
     * length and the limit, never the text itself.
     */
    private static boolean tooLong(JsonNode schema, String text, Located.Pos pos, String path, Problems problems) {
        if (!schema.has("maxLength")) {
            return false;
        }
        int max = schema.get("maxLength").asInt();
        // Cheap first: a string no longer in chars than the limit cannot be longer in code points.
        if (text.length() <= max) {
            return false;
        }
        int length = text.codePointCount(0, text.length());
        if (length <= max) {
            return false;
        }
        problems.add(pos, path + ": expected text of at most " + max + " characters, found " + length + " characters",
                "shorten it to what identifies the case; longer text is pasted data, not an observation");
        return true;
    }

    /** Range checks and conversion of a number to the Java type the records use. */
    private Object number(JsonNode schema, List<String> types, Located.Pos pos, Object value, String written,
            String path, Problems problems) {
        BigDecimal n = value instanceof BigInteger i ? new BigDecimal(i) : BigDecimal.valueOf((Double) value);
        boolean whole = types.contains("integer") && isWhole(value);
        BigDecimal lo = schema.has("minimum") ? schema.get("minimum").decimalValue() : null;
        BigDecimal hi = schema.has("maximum") ? schema.get("maximum").decimalValue() : null;
        if (whole) { // an integer field is an Integer in the records
            lo = lo == null ? BigDecimal.valueOf(Integer.MIN_VALUE) : lo.max(BigDecimal.valueOf(Integer.MIN_VALUE));
            hi = hi == null ? BigDecimal.valueOf(Integer.MAX_VALUE) : hi.min(BigDecimal.valueOf(Integer.MAX_VALUE));
        }
        if ((lo != null && n.compareTo(lo) < 0) || (hi != null && n.compareTo(hi) > 0)) {
            String allowed = lo != null && hi != null ? "allowed " + plain(lo) + " to " + plain(hi)
                    : lo != null ? "allowed " + plain(lo) + " or more" : "allowed " + plain(hi) + " or less";
            problems.add(pos, path + ": " + (written != null ? written : Hints.number(value)) + " is out of range: " + allowed);
            return INVALID;
        }
        return whole ? (Object) n.intValueExact() : (Object) n.doubleValue();
    }

    private void typeProblem(JsonNode schema, List<String> types, Located node, String path, Problems problems) {
        if (path.isEmpty()) {
            problems.add(node.pos(), "the top level must be a mapping with the sections "
                    + String.join(", ", sections()) + "; found " + Hints.describe(node));
            return;
        }
        problems.add(node.pos(), path + ": expected " + expected(schema, types) + ", found " + Hints.describe(node),
                typeSuggestion(schema, types, node));
    }

    private String typeSuggestion(JsonNode schema, List<String> types, Located node) {
        boolean empty = node instanceof Located.Scalar s && s.value() == null;
        if (types.contains("array") && schema.path("items").has("required") && !empty) {
            return "write a list with one mapping per entry: - " + shape(schema.get("items"));
        }
        if (types.contains("object") && schema.has("required") && !(node instanceof Located.Mapping)) {
            return "write each entry as " + shape(schema);
        }
        if (!(node instanceof Located.Scalar scalar)) {
            return null;
        }
        Object value = scalar.value();
        if (value == null) {
            return "leave the key out when the value is unknown";
        }
        if (types.contains("boolean") && value instanceof String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            if (Set.of("true", "false").contains(t)) {
                return "did you mean " + t + ", without quotes?";
            }
            if (Set.of("yes", "y", "on").contains(t)) {
                return "did you mean true?";
            }
            if (Set.of("no", "n", "off").contains(t)) {
                return "did you mean false?";
            }
            return null;
        }
        if ((types.contains("integer") || types.contains("number")) && value instanceof String text) {
            Object parsed = YamlTree.plainValue(text.strip());
            if (parsed instanceof BigInteger || (parsed instanceof Double d && Double.isFinite(d))) {
                return "did you mean " + text.strip() + ", without quotes?";
            }
            return null;
        }
        if (types.contains("array") && schema.has("items")
                && types(schema.get("items")).stream().anyMatch(t -> matches(t, node))) {
            return "did you mean [" + scalar.raw() + "]?";
        }
        if (types.equals(List.of("string")) && !schema.has("enum") && !(value instanceof String)) {
            return "put it in quotes: \"" + scalar.raw() + "\"";
        }
        return null;
    }

    /** {@code {step: ..., outcome: ...}}: a mapping with its required keys. */
    private static String shape(JsonNode objectSchema) {
        List<String> keys = new ArrayList<>();
        objectSchema.path("required").forEach(k -> keys.add(k.asString() + ": ..."));
        return "{" + String.join(", ", keys) + "}";
    }

    /** Up to how many allowed values a message lists. */
    private static final int LISTED_VALUES = 20;

    private void enumProblem(JsonNode schema, Located.Scalar scalar, String path, Problems problems) {
        List<String> allowed = new ArrayList<>();
        schema.get("enum").forEach(v -> allowed.add(v.isString() ? v.asString() : v.toString()));
        String shown = scalar.value() instanceof String s ? Hints.quote(s) : scalar.raw();
        // A long list (every declared observation, say) would bury the suggestion: name how many instead.
        String expected = allowed.size() <= LISTED_VALUES ? "one of " + String.join(", ", allowed)
                : "one of the " + allowed.size() + " allowed values" + (schema.has("description") ? " (" + schema.get("description").asString() + ")" : "");
        problems.add(scalar.pos(), path + ": " + shown + " is not " + expected,
                () -> Hints.closest(scalar.value().toString(), allowed)
                        .map(s -> scalar.value() instanceof String ? "did you mean '" + s + "'?" : "did you mean " + s + "?")
                        .orElse(null));
    }

    private void unknownKey(Located.Entry entry, String path, JsonNode properties, Problems problems) {
        String key = entry.key();
        String message = path.isEmpty() ? "unknown top-level key '" + Hints.key(key) + "'"
                : "unknown key '" + Hints.key(key) + "' " + where(path);
        problems.add(entry.keyPos(), message, () -> keySuggestion(key, path, properties));
    }

    /** Another section's field named exactly so, else the closest field here, else the closest anywhere. */
    private String keySuggestion(String key, String path, JsonNode properties) {
        List<String> elsewhere = owners.getOrDefault(key, List.of()).stream().filter(o -> !o.equals(path)).toList();
        if (!elsewhere.isEmpty()) {
            return elsewhere.equals(List.of("")) ? "`" + key + "` belongs at the top level"
                    : "`" + key + "` belongs under " + elsewhere.stream().filter(o -> !o.isEmpty())
                            .map(o -> "`" + o + "`").collect(Collectors.joining(" or "));
        }
        List<String> here = new ArrayList<>();
        properties.properties().forEach(e -> here.add(e.getKey()));
        Optional<String> near = Hints.closest(key, here);
        if (near.isPresent()) {
            return "did you mean '" + near.get() + "'?";
        }
        return Hints.closest(key, owners.keySet()).map(k -> "did you mean '" + k + "' under " + owners.get(k).stream()
                .map(o -> o.isEmpty() ? "the top level" : "'" + o + "'")
                .collect(Collectors.joining(" or ")) + "?").orElse(null);
    }

    private String expected(JsonNode schema, List<String> types) {
        if ("code".equals(schema.path("x-format").asString(""))) {
            return "an error code such as 0x904 or 2308";
        }
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(v -> allowed.add(v.isString() ? v.asString() : v.toString()));
            return "one of " + String.join(", ", allowed);
        }
        return types.stream().filter(t -> !t.equals("null")).map(t -> switch (t) {
            case "boolean" -> "true or false";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "string" -> "text";
            case "array" -> "a list";
            default -> "a mapping";
        }).collect(Collectors.joining(" or "));
    }

    private static boolean matches(String type, Located node) {
        if (node instanceof Located.Mapping) {
            return type.equals("object");
        }
        if (node instanceof Located.Sequence) {
            return type.equals("array");
        }
        Object v = ((Located.Scalar) node).value();
        return switch (type) {
            case "null" -> v == null;
            case "boolean" -> v instanceof Boolean;
            case "string" -> v instanceof String;
            case "integer" -> isWhole(v);
            case "number" -> v instanceof BigInteger || (v instanceof Double d && Double.isFinite(d));
            default -> false;
        };
    }

    /** JSON Schema counts 3389.0 as an integer too. */
    private static boolean isWhole(Object v) {
        return v instanceof BigInteger || (v instanceof Double d && Double.isFinite(d) && d == Math.rint(d));
    }

    private static boolean inEnum(JsonNode schema, Object value) {
        JsonNode allowed = schema.get("enum");
        if (allowed == null) {
            return true;
        }
        for (JsonNode candidate : allowed) {
            if (candidate.isString() && candidate.asString().equals(value)) {
                return true;
            }
            if (candidate.isNumber() && (value instanceof BigInteger || value instanceof Double)) {
                BigDecimal v = value instanceof BigInteger i ? new BigDecimal(i) : BigDecimal.valueOf((Double) value);
                if (candidate.decimalValue().compareTo(v) == 0) {
                    return true;
                }
            }
            if (candidate.isBoolean() && Boolean.valueOf(candidate.asBoolean()).equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code 0x904} or {@code 2308}; the schema's pattern has already checked the form. */
    private static Optional<BigInteger> parseCode(String text) {
        try {
            boolean hex = text.startsWith("0x") || text.startsWith("0X");
            return Optional.of(hex ? new BigInteger(text.substring(2), 16) : new BigInteger(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Object plain(Located node) {
        return node instanceof Located.Scalar s ? s.value() : INVALID;
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String where(String path) {
        return path.isEmpty() ? "at the top level"
                : path.contains(".") || path.contains("[") ? "in '" + path + "'" : "in section '" + path + "'";
    }

    static List<String> types(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return List.of();
        }
        if (type.isString()) {
            return List.of(type.asString());
        }
        List<String> out = new ArrayList<>();
        type.forEach(t -> out.add(t.asString()));
        return out;
    }

    private void collectOwners(JsonNode schema, String path) {
        schema.path("properties").properties().forEach(e -> {
            owners.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(path);
            collectOwners(e.getValue(), child(path, e.getKey()));
        });
    }

    /** Refuses a schema that uses anything this interpreter would not honour. */
    private static void verify(JsonNode schema, String path) {
        String where = path.isEmpty() ? "the top level" : path;
        if (!schema.isObject()) {
            throw new IllegalStateException("facts schema: " + where + " is not a schema object");
        }
        schema.properties().forEach(e -> {
            String keyword = e.getKey();
            JsonNode value = e.getValue();
            if (!KEYWORDS.contains(keyword)) {
                throw new IllegalStateException("facts schema: unsupported keyword '" + keyword + "' at " + where);
            }
            switch (keyword) {
                case "type" -> types(schema).forEach(t -> {
                    if (!TYPES.contains(t)) {
                        throw new IllegalStateException("facts schema: unknown type '" + t + "' at " + where);
                    }
                });
                case "properties" -> value.properties().forEach(p -> verify(p.getValue(), child(path, p.getKey())));
                case "items" -> verify(value, path + "[]");
                case "additionalProperties" -> {
                    if (!value.isBoolean()) {
                        throw new IllegalStateException("facts schema: additionalProperties must be true or false at " + where);
                    }
                }
                case "x-format" -> {
                    if (!"code".equals(value.asString(""))) {
                        throw new IllegalStateException("facts schema: unknown x-format '" + value + "' at " + where);
                    }
                }
                case "enum" -> {
                    if (!value.isArray() || value.isEmpty()) {
                        throw new IllegalStateException("facts schema: enum must be a non-empty list at " + where);
                    }
                }
                case "pattern" -> Pattern.compile(value.asString());
                case "required" -> {
                    if (!value.isArray() || value.isEmpty()) {
                        throw new IllegalStateException("facts schema: required must be a non-empty list at " + where);
                    }
                    value.forEach(k -> {
                        if (!k.isString() || !schema.path("properties").has(k.asString())) {
                            throw new IllegalStateException("facts schema: required names " + k + ", which is not a property, at " + where);
                        }
                    });
                }
                case "x-unique-by" -> {
                    if (!value.isString() || !schema.path("items").path("properties").has(value.asString())) {
                        throw new IllegalStateException("facts schema: x-unique-by must name a property of the items at " + where);
                    }
                }
                case "maxLength" -> {
                    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
                        throw new IllegalStateException("facts schema: maxLength must be a whole number, 0 or more, at " + where);
                    }
                }
                default -> { }
            }
        });
    }
}
