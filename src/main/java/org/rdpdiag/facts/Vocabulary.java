package org.rdpdiag.facts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The observation vocabulary: every fact that can be known about a failing connection, declared
 * once in the knowledge base ({@code rules/observations.yaml}). The facts schema, the checks of
 * facts files and CSV columns, the interview's answers and the fact types the rules match all
 * follow from it, so that adding an observation is a knowledge edit and needs no Java.
 *
 * <p>The {@code error} section is the tool's own: its four observations are read by the reports
 * as an {@link ErrorReport}, so the vocabulary describes them but cannot add to them. Every other
 * section becomes a fact type of the rules (for example {@code Host}), declared from here.
 *
 * <p>Over 400 lines because the declaration file is checked here with every problem located, and
 * the schema and the rules' type declarations are written from the same parsed form; split, each
 * would need the other's reading of a declaration.
 */
public final class Vocabulary implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** The name of the vocabulary file at the top of a knowledge-base folder. */
    public static final String FILE_NAME = "observations.yaml";
    /** The package of the fact types the rules match, as in {@code import org.rdpdiag.facts.*;}. */
    public static final String FACT_PACKAGE = "org.rdpdiag.facts";
    /** The section whose fact type is the tool's {@link ErrorReport}. */
    public static final String ERROR_SECTION = "error";

    private static final String BUNDLED = "rdpdiag-kb/rules/" + FILE_NAME;
    /** The bundled vocabulary as read at build time, so that a cold start does not parse and check it again. */
    public static final String COMPILED = "rdpdiag-kb/compiled/vocabulary.bin";
    private static final String SHAPE = "org/rdpdiag/facts/vocabulary.schema.json";
    private static final String FRAME = "org/rdpdiag/facts/facts-frame.schema.json";
    /** Only for writing the schema of a vocabulary being read; a start from the compiled vocabulary does without. */
    private static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }
    private static final String CODE_PATTERN = "^(0[xX][0-9A-Fa-f]{1,8}|[0-9]{1,10})$";
    private static final Map<String, String> ERROR_FIELDS = errorFields();
    /** Words a field name cannot be: DRL's own and Java's, since each name becomes both. */
    private static final Set<String> RESERVED = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
            "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
            "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super", "switch",
            "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false",
            "null", "var", "record", "yield", "sealed", "permits", "end", "rule", "when", "then", "eval", "not", "exists",
            "forall", "accumulate", "collect", "from", "in", "matches", "contains", "memberOf", "soundslike", "excludes",
            "str", "declare", "global", "function", "query", "entry", "modify", "update", "insert", "retract", "delete");

    /** The kind of value of an observation, as the vocabulary file names it. */
    public enum ValueType {
        BOOLEAN("boolean", "boolean", "Boolean"),
        INTEGER("integer", "integer", "Integer"),
        NUMBER("number", "number", "Double"),
        TEXT("text", "string", "String"),
        CODE("code", "code", "Integer"),
        INTEGER_LIST("integer-list", "integer-list", "java.util.List");

        private final String word;
        private final String kind;
        private final String javaType;

        ValueType(String word, String kind, String javaType) {
            this.word = word;
            this.kind = kind;
            this.javaType = javaType;
        }

        /** The word in the vocabulary file. */
        public String word() {
            return word;
        }

        static ValueType of(String word) {
            for (ValueType t : values()) {
                if (t.word.equals(word)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("no value type " + word);
        }

        /** The class of a known value of this type, as {@link Observations} holds it. */
        public Class<?> valueClass() {
            return switch (this) {
                case BOOLEAN -> Boolean.class;
                case INTEGER, CODE -> Integer.class;
                case NUMBER -> Double.class;
                case TEXT -> String.class;
                case INTEGER_LIST -> List.class;
            };
        }

        boolean numeric() {
            return this == INTEGER || this == NUMBER || this == INTEGER_LIST;
        }
    }

    /**
     * One section of a facts file.
     *
     * @param type    the simple name of the fact type the rules match ({@code Host})
     * @param builtIn whether the fact type is the tool's own ({@link ErrorReport}) rather than
     *                declared from the vocabulary
     * @param first   the position of its first observation ({@link #indexOf})
     * @param end     the position after its last observation
     */
    public record Section(String name, String type, String about, boolean builtIn, int first, int end)
            implements java.io.Serializable {}

    private final String file;
    private final String fingerprint;
    private final List<Section> sections;
    private final FactField[] fields;
    private final ValueType[] types;
    private final Section[] sectionOfField;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> paths;
    private final String schemaText;
    private transient volatile FactsSchema schema;

    private Vocabulary(String file, String fingerprint, List<Section> sections, List<FactField> fields, List<ValueType> types,
            String schemaText) {
        this.file = file;
        this.fingerprint = fingerprint;
        this.sections = List.copyOf(sections);
        this.fields = fields.toArray(new FactField[0]);
        this.types = types.toArray(new ValueType[0]);
        this.sectionOfField = new Section[this.fields.length];
        for (Section s : sections) {
            for (int i = s.first(); i < s.end(); i++) {
                sectionOfField[i] = s;
            }
        }
        List<String> p = new ArrayList<>(this.fields.length);
        for (FactField f : this.fields) {
            index.put(f.path(), p.size());
            p.add(f.path());
        }
        this.paths = Collections.unmodifiableList(p);
        this.schemaText = schemaText;
    }

    /** The vocabulary of the bundled knowledge base (read once). */
    public static Vocabulary bundled() {
        return Bundled.VOCABULARY;
    }

    private static final class Bundled {
        static final Vocabulary VOCABULARY = load();

        /** The form read at build time when it is of this very file, else the file itself. */
        private static Vocabulary load() {
            String text = resource(BUNDLED);
            try (InputStream in = Vocabulary.class.getClassLoader().getResourceAsStream(COMPILED)) {
                if (in != null) {
                    try (java.io.ObjectInputStream objects = new java.io.ObjectInputStream(new java.io.BufferedInputStream(in))) {
                        if (objects.readObject() instanceof Vocabulary compiled && compiled.fingerprint.equals(digest(text))) {
                            return compiled;
                        }
                    }
                }
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                // A compiled form that cannot be read is ignored, never trusted.
            }
            return read(text, "rules/" + FILE_NAME);
        }
    }

    /** Writes this vocabulary in the form the bundled one is read back from ({@link #COMPILED}); used at build time. */
    public void writeCompiled(java.nio.file.Path target) throws IOException {
        java.nio.file.Files.createDirectories(target.getParent());
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(new java.io.BufferedOutputStream(
                java.nio.file.Files.newOutputStream(target)))) {
            out.writeObject(this);
        }
    }

    /**
     * Reads a vocabulary file.
     *
     * @param file the name problems are reported under
     * @throws FactsException listing every problem, located, when the file is not a valid vocabulary
     */
    public static Vocabulary read(String text, String file) {
        Problems problems = new Problems(file);
        Located root = YamlTree.read(text, file, problems);
        if (root == null) {
            problems.add(Located.Pos.START, "the vocabulary is empty: expected 'sections:' with the error section first");
            problems.throwIfAny();
        }
        Map<String, Object> tree = Shape.SCHEMA.validate(root, problems);
        problems.throwIfAny();
        List<Section> sections = new ArrayList<>();
        List<FactField> fields = new ArrayList<>();
        List<ValueType> types = new ArrayList<>();
        ObjectNode properties = Json.MAPPER.createObjectNode();
        Map<String, Located.Pos> typesSeen = new HashMap<>();
        List<?> sectionList = (List<?>) tree.get("sections");
        for (int s = 0; s < sectionList.size(); s++) {
            Map<?, ?> section = (Map<?, ?>) sectionList.get(s);
            String name = (String) section.get("section");
            String type = (String) section.get("type");
            boolean error = ERROR_SECTION.equals(name);
            Located.Pos sectionPos = at(root, "sections", s, "section").pos();
            Located.Pos typePos = at(root, "sections", s, "type").pos();
            if (s == 0 && !error) {
                problems.add(sectionPos, "the first section must be 'error', the error as the user saw it");
            }
            if (name.equals("id") || name.equals("tried") || name.equals("unknown") || name.equals("rechecked")
                    || name.equals("notes") || name.equals("provenance")) {
                problems.add(sectionPos, "'" + name + "' is a key of every facts file, not a section name");
            }
            if (error && !type.equals(ErrorReport.class.getSimpleName())) {
                problems.add(typePos, "the error section's type is ErrorReport, the tool's own");
            } else if (!error && typeTaken(type)) {
                problems.add(typePos, "'" + type + "' is already a type the rules know; choose another name, e.g. "
                        + type + "State");
            }
            Located.Pos earlier = typesSeen.putIfAbsent(type, typePos);
            if (earlier != null) {
                problems.add(typePos, "type '" + type + "' is already used by the section at line " + problems.line(earlier));
            }
            ObjectNode sectionProperties = Json.MAPPER.createObjectNode();
            int first = fields.size();
            List<?> observations = (List<?>) section.get("observations");
            Map<String, String> errorFieldsLeft = new LinkedHashMap<>(ERROR_FIELDS);
            for (int o = 0; o < observations.size(); o++) {
                Map<?, ?> observation = (Map<?, ?>) observations.get(o);
                Located node = at(root, "sections", s, "observations", o);
                String field = (String) observation.get("name");
                ValueType valueType = ValueType.of((String) observation.get("type"));
                Located.Pos namePos = at(node, "name").pos();
                if (RESERVED.contains(field)) {
                    problems.add(namePos, "'" + field + "' is a reserved word of the rule language; choose another name");
                }
                if (error) {
                    String expected = errorFieldsLeft.remove(field);
                    if (expected == null) {
                        List<String> own = List.copyOf(ERROR_FIELDS.keySet());
                        problems.add(namePos, "the error section holds " + String.join(", ", own.subList(0, own.size() - 1))
                                + " and " + own.get(own.size() - 1) + " only; new observations belong in another section");
                    } else if (!expected.equals(valueType.word())) {
                        problems.add(at(node, "type").pos(), "error." + field + " is of type " + expected);
                    }
                }
                checkLimits(observation, valueType, node, problems);
                String path = name + "." + field;
                fields.add(field(path, valueType, observation));
                types.add(valueType);
                sectionProperties.set(field, fieldSchema(valueType, observation));
            }
            if (error && !errorFieldsLeft.isEmpty()) {
                problems.add(sectionPos, "the error section must declare " + String.join(", ", errorFieldsLeft.keySet()));
            }
            sections.add(new Section(name, type, (String) section.get("about"), error, first, fields.size()));
            ObjectNode sectionSchema = Json.MAPPER.createObjectNode();
            sectionSchema.set("type", Json.MAPPER.createArrayNode().add("object").add("null"));
            sectionSchema.put("description", (String) section.get("about"));
            sectionSchema.put("additionalProperties", false);
            sectionSchema.set("properties", sectionProperties);
            properties.set(name, sectionSchema);
        }
        problems.throwIfAny();
        return new Vocabulary(file, digest(text), sections, fields, types,
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(schemaTree(properties)) + "\n");
    }

    /** The tool's own reading of the error section, which the vocabulary must match. */
    private static Map<String, String> errorFields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mainCode", "code");
        m.put("extendedCode", "code");
        m.put("timing", "text");
        m.put("dialogText", "text");
        m.put("droppedAfterSeconds", "integer");
        m.put("dialogMessage", "text");
        return Collections.unmodifiableMap(m);
    }

    /** Whether a declared type of this name would clash with a class the rules import or the language has. */
    private static boolean typeTaken(String type) {
        for (String pkg : List.of(FACT_PACKAGE, "org.rdpdiag.engine", "org.rdpdiag.knowledge", "java.lang", "java.util")) {
            try {
                Class.forName(pkg + "." + type, false, Vocabulary.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // free
            }
        }
        return false;
    }

    private static void checkLimits(Map<?, ?> o, ValueType type, Located node, Problems problems) {
        if (o.containsKey("values")) {
            if (type == ValueType.BOOLEAN || type == ValueType.NUMBER || type == ValueType.CODE) {
                problems.add(at(node, "values").pos(), "a " + type.word() + " observation has no list of values");
            } else {
                List<?> values = (List<?>) o.get("values");
                for (int i = 0; i < values.size(); i++) {
                    boolean text = values.get(i) instanceof String;
                    if (text != (type == ValueType.TEXT)) {
                        problems.add(at(node, "values", i).pos(), type == ValueType.TEXT
                                ? "a value of a text observation is written as text; put it in quotes"
                                : "a value of an " + type.word() + " observation is a whole number");
                    }
                }
            }
        }
        for (String key : List.of("minimum", "maximum", "unit")) {
            if (o.containsKey(key) && !type.numeric()) {
                problems.add(at(node, key).pos(), "'" + key + "' applies to numbers only; this observation is " + type.word());
            }
        }
        if (o.containsKey("maxLength") && type != ValueType.TEXT) {
            problems.add(at(node, "maxLength").pos(), "'maxLength' applies to text only; this observation is " + type.word());
        }
        if (o.get("minimum") instanceof Number min && o.get("maximum") instanceof Number max
                && min.doubleValue() > max.doubleValue()) {
            problems.add(at(node, "maximum").pos(), "the maximum " + plain(max) + " is below the minimum " + plain(min));
        }
    }

    private static String plain(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static FactField field(String path, ValueType type, Map<?, ?> o) {
        List<Object> allowed = new ArrayList<>();
        if (o.get("values") instanceof List<?> values) {
            allowed.addAll(values);
        }
        Double min = type == ValueType.CODE ? Double.valueOf(0) : o.get("minimum") instanceof Number n ? n.doubleValue() : null;
        Double max = type == ValueType.CODE ? Double.valueOf(Integer.MAX_VALUE)
                : o.get("maximum") instanceof Number n ? n.doubleValue() : null;
        List<String> where = new ArrayList<>();
        ((List<?>) o.get("where")).forEach(w -> where.add((String) w));
        return new FactField(path, type.kind, List.copyOf(allowed), min, max, (Integer) o.get("maxLength"),
                (String) o.get("about"), List.copyOf(where), (String) o.get("how"), (String) o.get("unit"));
    }

    /** The schema of one observation, with keywords in the order the published schema has always used. */
    private static ObjectNode fieldSchema(ValueType type, Map<?, ?> o) {
        ObjectNode f = Json.MAPPER.createObjectNode();
        switch (type) {
            case CODE -> f.set("type", Json.MAPPER.createArrayNode().add("integer").add("string"));
            case INTEGER_LIST -> {
                f.put("type", "array");
                ObjectNode items = Json.MAPPER.createObjectNode();
                items.put("type", "integer");
                if (o.get("values") instanceof List<?> values) {
                    items.set("enum", array(values));
                }
                putNumber(items, "minimum", o.get("minimum"));
                putNumber(items, "maximum", o.get("maximum"));
                f.set("items", items);
                f.put("uniqueItems", true);
            }
            default -> f.put("type", type.kind.equals("string") ? "string" : type.word());
        }
        if (type != ValueType.INTEGER_LIST) {
            if (o.get("values") instanceof List<?> values) {
                f.set("enum", array(values));
            }
            if (type == ValueType.CODE) {
                f.put("minimum", 0);
                f.put("maximum", Integer.MAX_VALUE);
            } else {
                putNumber(f, "minimum", o.get("minimum"));
                putNumber(f, "maximum", o.get("maximum"));
            }
        }
        if (o.get("maxLength") instanceof Integer maxLength) {
            f.put("maxLength", maxLength);
        }
        if (type == ValueType.CODE) {
            f.put("pattern", CODE_PATTERN);
            f.put("x-format", "code");
        }
        if (o.get("note") instanceof String note) {
            f.put("$comment", note);
        }
        f.put("description", (String) o.get("about"));
        if (o.get("unit") instanceof String unit) {
            f.put("x-unit", unit);
        }
        ObjectNode windows = Json.MAPPER.createObjectNode();
        windows.set("where", array((List<?>) o.get("where")));
        windows.put("how", (String) o.get("how"));
        f.set("x-windows", windows);
        return f;
    }

    private static ArrayNode array(List<?> values) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Object v : values) {
            if (v instanceof Integer i) {
                a.add(i);
            } else {
                a.add(String.valueOf(v));
            }
        }
        return a;
    }

    /** A whole bound is written as a whole number, as an author would: {@code 100}, not {@code 100.0}. */
    private static void putNumber(ObjectNode node, String key, Object value) {
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                node.put(key, (int) d);
            } else {
                node.put(key, d);
            }
        }
    }

    /** The published schema: the frame every facts file has (id, tried), with the sections after the id. */
    private static JsonNode schemaTree(ObjectNode sections) {
        ObjectNode frame = (ObjectNode) Json.MAPPER.readTree(resource(FRAME));
        ObjectNode frameProperties = (ObjectNode) frame.get("properties");
        ObjectNode properties = Json.MAPPER.createObjectNode();
        properties.set("id", frameProperties.get("id"));
        sections.properties().forEach(e -> properties.set(e.getKey(), e.getValue()));
        frameProperties.properties().forEach(e -> {
            if (!e.getKey().equals("id")) {
                properties.set(e.getKey(), e.getValue());
            }
        });
        // The observations answered unknown or re-checked are named by path: every declared one, and no other.
        for (String list : List.of("unknown", "rechecked")) {
            var paths = ((ObjectNode) properties.get(list).get("items")).putArray("enum");
            sections.properties().forEach(section -> section.getValue().get("properties").properties()
                    .forEach(field -> paths.add(section.getKey() + "." + field.getKey())));
        }
        // A source is given for a declared observation only.
        var sourced = ((ObjectNode) properties.get("provenance").get("items").get("properties").get("fact")).putArray("enum");
        sections.properties().forEach(section -> section.getValue().get("properties").properties()
                .forEach(field -> sourced.add(section.getKey() + "." + field.getKey())));
        frame.set("properties", properties);
        return frame;
    }

    /** The node of the written file at a path of keys and positions; the parent itself when the path ends early. */
    private static Located at(Located node, Object... path) {
        Located current = node;
        for (Object step : path) {
            Located next = null;
            if (step instanceof String key && current instanceof Located.Mapping m) {
                for (Located.Entry e : m.entries()) {
                    if (e.key().equals(key)) {
                        next = e.value() == null ? new Located.Scalar(e.keyPos(), null, "") : e.value();
                    }
                }
            } else if (step instanceof Integer i && current instanceof Located.Sequence s && i < s.items().size()) {
                next = s.items().get(i);
            }
            if (next == null) {
                return current;
            }
            current = next;
        }
        return current;
    }

    private static String resource(String name) {
        try (InputStream in = Vocabulary.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The interpreter for the vocabulary file's own shape, built once. */
    private static final class Shape {
        static final FactsSchema SCHEMA = FactsSchema.of(Json.MAPPER.readTree(resource(SHAPE)));
    }

    /** The file the vocabulary was read from, as problems cite it. */
    public String file() {
        return file;
    }

    /** A digest of the vocabulary's text: compiled rules depend on it. */
    public String fingerprint() {
        return fingerprint;
    }

    public List<Section> sections() {
        return sections;
    }

    public Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The section whose fact type has this simple name ({@code Host}). */
    public Optional<Section> sectionOfType(String simpleName) {
        return sections.stream().filter(s -> s.type().equals(simpleName)).findFirst();
    }

    /** The section of the observation at a position. */
    public Section sectionAt(int index) {
        return sectionOfField[index];
    }

    /** Every observation's path ({@code host.listenerState}), in declaration order. */
    public List<String> paths() {
        return paths;
    }

    public boolean exists(String path) {
        return index.containsKey(path);
    }

    /** How many observations there are. */
    public int size() {
        return fields.length;
    }

    /** The position of an observation in declaration order, or -1 when there is no such observation. */
    public int indexOf(String path) {
        Integer i = index.get(path);
        return i == null ? -1 : i;
    }

    public String pathAt(int index) {
        return fields[index].path();
    }

    public FactField fieldAt(int index) {
        return fields[index];
    }

    public ValueType typeAt(int index) {
        return types[index];
    }

    public Optional<FactField> field(String path) {
        Integer i = index.get(path);
        return i == null ? Optional.empty() : Optional.of(fields[i]);
    }

    /** The facts schema these declarations publish, with the frame every facts file has. */
    FactsSchema schema() {
        FactsSchema s = schema;
        if (s == null) {
            s = FactsSchema.of(SchemaJson.parse(schemaText));
            schema = s;
        }
        return s;
    }

    /** The facts schema as published in {@code facts/schema/host-facts.schema.json}. */
    public String schemaText() {
        return schemaText;
    }

    /**
     * The rules' fact types, one per section other than {@code error}, as a DRL declaration in
     * {@link #FACT_PACKAGE}: the rules compile against it and match {@code Host( listenerState == "listening" )}.
     */
    public String declarations() {
        StringBuilder drl = new StringBuilder("// The fact types of the observation vocabulary, declared from ")
                .append(file).append(".\npackage ").append(FACT_PACKAGE).append(";\n");
        for (Section s : sections) {
            if (s.builtIn()) {
                continue;
            }
            drl.append("\ndeclare ").append(s.type()).append('\n');
            for (int i = s.first(); i < s.end(); i++) {
                String path = fields[i].path();
                drl.append("    ").append(path.substring(s.name().length() + 1)).append(" : ").append(types[i].javaType).append('\n');
            }
            drl.append("end\n");
        }
        return drl.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.fingerprint.equals(fingerprint);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "vocabulary of " + file + " (" + fields.length + " observations)";
    }
}
