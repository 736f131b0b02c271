package org.rdpdiag.facts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Facts laid out as a table, one host per row, as a spreadsheet or an inventory export writes
 * them: the header names the observations by path ({@code host.tls12ServerEnabled}, and
 * {@code id}), and an empty cell means unknown.
 *
 * <p>A cell's text is typed by its field's kind in the schema the way a plain YAML value would be
 * ({@code true}, {@code 2308}, {@code 0x904}), text fields stay text, and a list is written
 * {@code 1058;36870} (or with commas or spaces, in optional brackets; {@code []} is an empty list).
 * The column {@code tried} lists the steps already tried as {@code step:outcome} entries,
 * separated the same way ({@code enable-tls12-server:still-fails;start-termservice:could-not-apply}).
 * The row is then validated exactly like a facts file, so a bad cell gets the same message as
 * in a file, at the cell's line and column and naming its column.
 */
public final class FactColumns {
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[;,\\s]+");
    /** The column of the steps already tried; every other column but {@code id} is an observation. */
    static final String TRIED = "tried";
    /** A word short enough, and of the form, to be repeated in a suggestion. */
    private static final Pattern STEP_LIKE = Pattern.compile("[a-z0-9-]{1,64}");

    /** One cell of a row: its text and where it starts in the file (1-based). */
    public record Cell(String text, int line, int column) {
        public Cell {
            Objects.requireNonNull(text, "text");
        }
    }

    private final String file;
    private final Vocabulary vocabulary;
    private final List<String> paths;
    private final List<FactField> fields;

    private FactColumns(String file, Vocabulary vocabulary, List<String> paths, List<FactField> fields) {
        this.file = file;
        this.vocabulary = vocabulary;
        this.paths = paths;
        this.fields = fields;
    }

    /** A header checked against the bundled vocabulary; see {@link #of(List, String, Vocabulary)}. */
    public static FactColumns of(List<Cell> header, String file) {
        return of(header, file, Vocabulary.bundled());
    }

    /**
     * Checks a header row: every column must be {@code id}, {@code tried} or the path of an
     * observation, once.
     *
     * @throws FactsException listing every bad column, with the closest valid path as suggestion
     */
    public static FactColumns of(List<Cell> header, String file, Vocabulary vocabulary) {
        Problems problems = new Problems(file);
        List<String> paths = new ArrayList<>();
        List<FactField> fields = new ArrayList<>();
        Map<String, Cell> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            Cell cell = header.get(i);
            Located.Pos pos = new Located.Pos(cell.line(), cell.column());
            String name = cell.text().strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip(); // the byte-order mark spreadsheets put first
            }
            paths.add(name);
            boolean special = name.equals("id") || name.equals(TRIED);
            fields.add(special ? null : vocabulary.field(name).orElse(null));
            if (name.isEmpty()) {
                problems.add(pos, "column " + (i + 1) + " of the header has no name",
                        "name it with an observation's path such as host.nlaRequired, or remove the column");
            } else if (!special && !vocabulary.exists(name)) {
                String unknown = name;
                problems.add(pos, "unknown column '" + Hints.key(name) + "': not the path of an observation",
                        () -> closestPath(unknown, vocabulary).map(p -> "did you mean '" + p + "'?").orElse(null));
            } else {
                Cell first = seen.putIfAbsent(name, cell);
                if (first != null) {
                    problems.add(pos, "column '" + name + "' appears twice; it is also column "
                            + (header.indexOf(first) + 1), "keep only one of them");
                }
            }
        }
        if (header.stream().allMatch(c -> c.text().isBlank())) {
            problems.add(Located.Pos.START, "the header row is empty: expected column names such as id, "
                    + "error.mainCode, host.nlaRequired");
        }
        problems.throwIfAny();
        return new FactColumns(file, vocabulary, List.copyOf(paths), fields);
    }

    /** The column names, in order. */
    public List<String> names() {
        return paths;
    }

    /**
     * The facts of one row.
     *
     * @param defaultId the id when the row has no {@code id} cell or leaves it empty
     * @throws FactsException listing every bad cell of the row
     */
    public HostFacts read(List<Cell> row, String defaultId) {
        int firstLine = row.isEmpty() ? 1 : row.get(0).line();
        Problems problems = new Problems(file);
        if (row.size() != paths.size()) {
            throw problems.fatal(new Located.Pos(firstLine, 1), "the row has " + row.size()
                    + (row.size() == 1 ? " cell" : " cells") + " but the header names " + paths.size() + " columns",
                    row.size() > paths.size() ? "put text that contains the separator in double quotes"
                            : "a row needs a cell for every column; leave a cell empty when it is unknown");
        }
        Located.Pos rowStart = new Located.Pos(firstLine, row.isEmpty() ? 1 : row.get(0).column());
        List<Located.Entry> top = new ArrayList<>();
        Map<String, List<Located.Entry>> sections = new LinkedHashMap<>();
        Map<String, Located.Pos> sectionPos = new HashMap<>();
        for (int i = 0; i < row.size(); i++) {
            Cell cell = row.get(i);
            String text = cell.text().strip();
            if (text.isEmpty()) {
                continue; // unknown
            }
            Located.Pos pos = new Located.Pos(cell.line(), cell.column());
            String path = paths.get(i);
            if (path.equals("id")) {
                top.add(new Located.Entry("id", pos, new Located.Scalar(pos, text, text)));
                continue;
            }
            if (path.equals(TRIED)) {
                top.add(new Located.Entry(TRIED, pos, tried(text, pos, problems)));
                continue;
            }
            int dot = path.indexOf('.');
            String section = path.substring(0, dot);
            sectionPos.putIfAbsent(section, pos);
            sections.computeIfAbsent(section, k -> new ArrayList<>())
                    .add(new Located.Entry(path.substring(dot + 1), pos, value(fields.get(i), text, pos)));
        }
        sections.forEach((name, entries) -> top.add(new Located.Entry(name, sectionPos.get(name),
                new Located.Mapping(sectionPos.get(name), entries))));
        Located.Mapping root = new Located.Mapping(rowStart, top);
        FactsSchema schema = vocabulary.schema();
        Map<String, Object> tree = schema.validate(root, problems);
        if (!problems.isEmpty()) {
            throw problems.exception(FactsReader.idOf(root, schema));
        }
        return FactsReader.bind(tree, problems, defaultId, root, vocabulary);
    }

    /** A cell typed by its field's kind, as the validator expects it. */
    private static Located value(FactField field, String text, Located.Pos pos) {
        return switch (field.kind()) {
            case "string" -> new Located.Scalar(pos, text, text);
            case "integer-list" -> list(text, pos);
            default -> new Located.Scalar(pos, YamlTree.plainValue(text), text);
        };
    }

    private static Located list(String text, Located.Pos pos) {
        String inner = text;
        if (inner.startsWith("[") && inner.endsWith("]")) {
            inner = inner.substring(1, inner.length() - 1).strip();
        }
        List<Located> items = new ArrayList<>();
        if (!inner.isEmpty()) {
            for (String item : LIST_SEPARATOR.split(inner)) {
                if (!item.isEmpty()) {
                    items.add(new Located.Scalar(pos, YamlTree.plainValue(item), item));
                }
            }
        }
        return new Located.Sequence(pos, items);
    }

    /**
     * A {@code tried} cell as the list a facts file would hold: {@code step:outcome} entries, each
     * a mapping located at the cell. An entry without its {@code :} is reported here; everything
     * else (the step's form, a misspelt outcome, a step listed twice) by the validator, as in a file.
     */
    private static Located tried(String text, Located.Pos pos, Problems problems) {
        String inner = tightColons(text);
        if (inner.startsWith("[") && inner.endsWith("]")) {
            inner = inner.substring(1, inner.length() - 1).strip();
        }
        List<Located> items = new ArrayList<>();
        if (inner.isEmpty()) {
            return new Located.Sequence(pos, items);
        }
        for (String item : LIST_SEPARATOR.split(inner)) {
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            if (colon < 0) {
                String step = STEP_LIKE.matcher(item).matches() ? item : "enable-tls12-server";
                problems.add(pos, TRIED + ": expected step:outcome, found " + Hints.quote(item),
                        "write each entry as step:outcome, e.g. " + step + ":still-fails; separate entries with ;");
                return new Located.Refused(pos);
            }
            String step = item.substring(0, colon);
            String outcome = item.substring(colon + 1);
            items.add(new Located.Mapping(pos, List.of(
                    new Located.Entry("step", pos, new Located.Scalar(pos, step, step)),
                    new Located.Entry("outcome", pos, new Located.Scalar(pos, outcome, outcome)))));
        }
        return new Located.Sequence(pos, items);
    }

    /** {@code step : outcome} as {@code step:outcome}, in one pass (a pattern would be slow on long runs of spaces). */
    private static String tightColons(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean afterColon = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                while (!out.isEmpty() && Character.isWhitespace(out.charAt(out.length() - 1))) {
                    out.setLength(out.length() - 1);
                }
                afterColon = true;
                out.append(c);
            } else if (!(afterColon && Character.isWhitespace(c))) {
                afterColon = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The closest observation path to a wrong column name, or to its last part ({@code nlaRequired}). */
    private static Optional<String> closestPath(String name, Vocabulary vocabulary) {
        List<String> candidates = new ArrayList<>(vocabulary.paths());
        candidates.add("id");
        candidates.add(TRIED);
        Optional<String> near = Hints.closest(name, candidates);
        if (near.isPresent()) {
            return near;
        }
        String field = name.substring(name.lastIndexOf('.') + 1);
        Map<String, String> byField = new LinkedHashMap<>();
        for (String path : vocabulary.paths()) {
            byField.merge(path.substring(path.indexOf('.') + 1), path, (a, b) -> a + "' or '" + b);
        }
        return Hints.closest(field, byField.keySet()).map(byField::get);
    }

    /** The file name problems are reported under. */
    public String file() {
        return file;
    }
}
