package org.rdpdiag.facts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads one host facts file (YAML or JSON), checks it against the facts schema and returns the
 * records. Any problem ends in a {@link FactsException} listing every problem of the file with
 * its line and column; callers never see parser exceptions or stack traces.
 *
 * <p>Defensive by design, since facts files come from users and scripts: files over
 * {@link #MAX_BYTES} are refused before their content is read, binary content is refused, and
 * YAML anchors and aliases are refused without being expanded.
 */
public final class FactsReader {

    /** A host facts file is a few KB; anything bigger is the wrong file. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** The two formats a facts file can be written in. */
    public enum Format { YAML, JSON }

    private FactsReader() {}

    /**
     * Reads a facts file. The format follows the extension ({@code .json}, {@code .yaml},
     * {@code .yml}); for any other name a first non-blank {@code '{'} means JSON, else YAML.
     * The facts' id defaults to the file name without its extension.
     *
     * @throws FactsException when the file is missing, unreadable, too large, not text, or not valid facts
     */
    public static HostFacts read(Path file) {
        return read(file, Vocabulary.bundled());
    }

    /** Reads a facts file against a knowledge base's vocabulary; otherwise as {@link #read(Path)}. */
    public static HostFacts read(Path file, Vocabulary vocabulary) {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        Problems problems = new Problems(name);
        String text = decode(readBounded(file, problems), problems);
        Path fileName = file.getFileName();
        String lower = fileName == null ? "" : fileName.toString().toLowerCase(Locale.ROOT);
        Format format = lower.endsWith(".json") ? Format.JSON
                : lower.endsWith(".yaml") || lower.endsWith(".yml") ? Format.YAML
                : sniff(text);
        return parse(text, problems, format, defaultId(fileName == null ? name : fileName.toString()), "file", vocabulary);
    }

    /**
     * Reads facts from text, e.g. standard input or a facts block embedded in another file.
     *
     * @param sourceName the name problems are reported under; its last segment without the
     *                   extension is the default id
     * @param format     the text's format, or {@code null} to decide by the first non-blank character
     * @throws FactsException when the text is too large, not text, or not valid facts
     */
    public static HostFacts read(String text, String sourceName, Format format) {
        return read(text, sourceName, format, Vocabulary.bundled());
    }

    /** Reads facts from text against a knowledge base's vocabulary; otherwise as {@link #read(String, String, Format)}. */
    public static HostFacts read(String text, String sourceName, Format format, Vocabulary vocabulary) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        Problems problems = new Problems(sourceName);
        String body = checkedText(text, problems);
        return parse(body, problems, format == null ? sniff(body) : format, defaultId(sourceName), "file", vocabulary);
    }

    /** The text without its byte-order mark, once it is known to be within the size limit (else thrown); characters are checked into {@code problems}. */
    private static String checkedText(String text, Problems problems) {
        long size = utf8Length(text);
        if (size > MAX_BYTES) {
            throw problems.fatal(Located.Pos.START, tooLarge(size));
        }
        String body = stripBom(text);
        checkCharacters(body, problems);
        return body;
    }

    /**
     * The JSON document in {@code text} as a tree that keeps the position of every key and value,
     * for files that are not facts but are reported on like them (collector evidence); checked for
     * size, characters and syntax as a facts file is. Null for a text of white space only.
     *
     * @throws FactsException when the text is too large, not text, or not well-formed JSON
     */
    public static Located readJsonTree(Path file) {
        Objects.requireNonNull(file, "file");
        Problems problems = new Problems(file.toString());
        return readJsonTree(decode(readBounded(file, problems), problems), file.toString());
    }

    /** As {@link #readJsonTree(Path)}, for text read elsewhere. */
    public static Located readJsonTree(String text, String sourceName) {
        Problems problems = new Problems(sourceName);
        String body = checkedText(text, problems);
        problems.throwIfAny();
        return JsonTree.read(body, sourceName, problems);
    }

    /**
     * Reads one host of a file that holds many: a line of a JSON Lines file, or one document of a
     * multi-document YAML file. Checks and messages are those of a facts file, and every problem
     * is located in the larger file, counting from the record's first line.
     *
     * @param utf8      the record's bytes (strict UTF-8)
     * @param file      the name of the larger file, as problems should cite it
     * @param format    the record's format, or {@code null} to decide by its first non-blank character
     * @param firstLine the line of the larger file on which the record starts (1-based)
     * @param defaultId the id when the record has none
     * @throws FactsException when the record is too large, not text, or not valid facts
     */
    /**
     * The syntax error of a YAML text that is not a facts file (the knowledge base's catalogue),
     * located and worded as for facts files; empty when the text is well-formed YAML.
     */
    public static java.util.Optional<FactsProblem> yamlSyntaxError(String text, String file) {
        try {
            YamlTree.read(text, file, new Problems(file));
            return java.util.Optional.empty();
        } catch (FactsException e) {
            return e.problems().stream().findFirst();
        }
    }

    public static HostFacts readRecord(byte[] utf8, String file, Format format, int firstLine, String defaultId) {
        return readRecord(utf8, file, format, firstLine, defaultId, Vocabulary.bundled());
    }

    /** Reads one host of a larger file against a knowledge base's vocabulary; otherwise as the method above. */
    public static HostFacts readRecord(byte[] utf8, String file, Format format, int firstLine, String defaultId,
            Vocabulary vocabulary) {
        Objects.requireNonNull(utf8, "utf8");
        Objects.requireNonNull(file, "file");
        Problems problems = new Problems(file, firstLine - 1);
        if (utf8.length > MAX_BYTES) {
            throw problems.fatal(Located.Pos.START, recordTooLarge(utf8.length));
        }
        String text = decode(utf8, problems);
        return parse(text, problems, format == null ? sniff(text) : format, defaultId, "record", vocabulary);
    }

    private static HostFacts parse(String text, Problems problems, Format format, String defaultId, String noun,
            Vocabulary vocabulary) {
        FactsSchema schema = vocabulary.schema();
        Located root = format == Format.JSON ? JsonTree.read(text, problems.file(), problems)
                : YamlTree.read(text, problems.file(), problems);
        if (root == null) {
            problems.add(Located.Pos.START, "the " + noun + " is empty: expected a mapping with sections "
                    + String.join(", ", schema.sections()));
            problems.throwIfAny();
        }
        Map<String, Object> tree = schema.validate(root, problems);
        if (!problems.isEmpty()) {
            throw problems.exception(idOf(root, schema));
        }
        return bind(tree, problems, defaultId, root, vocabulary);
    }

    /** The id a document gives itself, if it is plain text, so that even a bad record can be named by it. */
    static String idOf(Located root, FactsSchema schema) {
        if (root instanceof Located.Mapping m) {
            for (Located.Entry e : m.entries()) {
                // An id over its limit is not shown even as the name of the bad record: it is pasted data.
                if (e.key().equals("id") && e.value() instanceof Located.Scalar s && s.value() instanceof String id
                        && !id.isBlank() && id.length() <= schema.idMaxLength()) {
                    return id;
                }
            }
        }
        return null;
    }

    /**
     * The records of a validated tree, once no problem was found; the id defaults to {@code defaultId}.
     * The facts keep where each entry of {@code tried} was written ({@link HostFacts#triedAt}), taken
     * from {@code root}, the tree that was validated.
     */
    static HostFacts bind(Map<String, Object> tree, Problems problems, String defaultId, Located root, Vocabulary vocabulary) {
        problems.throwIfAny();
        String id = tree.get("id") instanceof String given ? given : defaultId;
        Observations observations = Observations.ofTree(vocabulary, tree);
        Set<String> unknown = answeredUnknown(tree.get("unknown"), observations, root, problems);
        Set<String> rechecked = rechecked(tree.get("rechecked"), observations, root, problems);
        Map<String, String> provenance = provenance(tree.get("provenance"), observations, root, problems);
        return new HostFacts(id, observations, tried(tree.get("tried"), triedPlaces(root, problems)), unknown, rechecked,
                notes(tree.get("notes")), provenance);
    }

    /**
     * The sources of a validated {@code provenance} list, by path; an entry for a fact without a
     * value, or a second entry for one fact, is refused at its place.
     */
    private static Map<String, String> provenance(Object list, Observations observations, Located root, Problems problems) {
        if (!(list instanceof List<?> entries) || entries.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        List<Located> items = itemsOf(root, "provenance");
        for (int i = 0; i < entries.size(); i++) {
            Map<?, ?> m = (Map<?, ?>) entries.get(i);
            String path = (String) m.get("fact");
            Located.Pos at = i < items.size() ? items.get(i).pos() : Located.Pos.START;
            if (observations.get(path) == null) {
                problems.add(at, path + " has a source in 'provenance' but no value in this file; give its value or"
                        + " take the entry off the list");
            } else if (out.putIfAbsent(path, (String) m.get("source")) != null) {
                problems.add(at, path + " has a second source in 'provenance'; keep one entry per fact");
            }
        }
        problems.throwIfAny();
        return out;
    }

    /** The entries of a validated {@code notes} list: mappings with a side word and a text. */
    private static List<Note> notes(Object list) {
        if (!(list instanceof List<?> entries)) {
            return List.of();
        }
        List<Note> out = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            Map<?, ?> m = (Map<?, ?>) entry;
            out.add(new Note(Note.Side.of((String) m.get("side")), (String) m.get("text")));
        }
        return out;
    }

    /**
     * The paths of a validated {@code rechecked} list, or null when the file has none (it does not
     * say when its observations were made); a path without a value is refused at its place.
     */
    private static Set<String> rechecked(Object list, Observations observations, Located root, Problems problems) {
        if (!(list instanceof List<?> paths)) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        List<Located> items = itemsOf(root, "rechecked");
        for (int i = 0; i < paths.size(); i++) {
            String path = (String) paths.get(i);
            if (observations.get(path) == null) {
                problems.add(i < items.size() ? items.get(i).pos() : Located.Pos.START, path + " is listed as re-checked"
                        + " but has no value in this file; give the value read after the last change, or take it off the list");
            }
            out.add(path);
        }
        problems.throwIfAny();
        return out;
    }

    /** The items of a top-level list as written, for their places; empty when there is none. */
    private static List<Located> itemsOf(Located root, String key) {
        return root instanceof Located.Mapping top ? top.entries().stream()
                .filter(e -> e.key().equals(key) && e.value() instanceof Located.Sequence)
                .map(e -> ((Located.Sequence) e.value()).items()).findFirst().orElse(List.of()) : List.of();
    }

    /**
     * The paths of a validated {@code unknown} list (the schema has checked that each is declared
     * and listed once); one that also has a value is refused at its place in the list.
     */
    private static Set<String> answeredUnknown(Object list, Observations observations, Located root, Problems problems) {
        if (!(list instanceof List<?> paths) || paths.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        List<Located> items = itemsOf(root, "unknown");
        for (int i = 0; i < paths.size(); i++) {
            String path = (String) paths.get(i);
            if (observations.get(path) != null) {
                problems.add(i < items.size() ? items.get(i).pos() : Located.Pos.START, path + " has a value in this file"
                        + " and is listed as unknown too; keep the value and take it off the 'unknown' list");
            }
            out.add(path);
        }
        problems.throwIfAny();
        return out;
    }

    /** The entries of a validated {@code tried} list: mappings with a step and an outcome word. */
    private static List<Tried> tried(Object list, List<FactsLocation> places) {
        if (!(list instanceof List<?> entries) || entries.isEmpty()) {
            return List.of();
        }
        List<Tried> out = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            Map<?, ?> m = (Map<?, ?>) entry;
            out.add(new Tried((String) m.get("step"), TriedOutcome.of((String) m.get("outcome"))));
        }
        return places.isEmpty() ? out : new TriedList(out, places);
    }

    /** Where the step of each entry of a valid {@code tried} list is written, in the file the user edits. */
    private static List<FactsLocation> triedPlaces(Located root, Problems problems) {
        if (!(root instanceof Located.Mapping top)) {
            return List.of();
        }
        for (Located.Entry e : top.entries()) {
            if (e.key().equals("tried") && e.value() instanceof Located.Sequence list) {
                List<FactsLocation> places = new ArrayList<>(list.items().size());
                for (Located item : list.items()) {
                    Located.Pos at = item.pos();
                    if (item instanceof Located.Mapping m) {
                        for (Located.Entry field : m.entries()) {
                            at = field.key().equals("step") ? field.value().pos() : at;
                        }
                    }
                    places.add(new FactsLocation(problems.file(), problems.line(at), at.column()));
                }
                return places;
            }
        }
        return List.of();
    }

    /** Reads at most {@link #MAX_BYTES} (plus one, to notice more), after checking the size on disk. */
    private static byte[] readBounded(Path file, Problems problems) {
        try {
            if (Files.isDirectory(file)) {
                throw problems.fatal(Located.Pos.START, "this is a directory, not a facts file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw problems.fatal(Located.Pos.START, tooLarge(size));
            }
            try (InputStream in = Files.newInputStream(file)) {
                // The size can lie (a growing file, a device, a pipe): never read more than the limit.
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw problems.fatal(Located.Pos.START, "the file is larger than 1 MiB; a facts file is at most 1 MiB");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw problems.fatal(Located.Pos.START, "no such file");
        } catch (AccessDeniedException e) {
            throw problems.fatal(Located.Pos.START, "cannot read the file: permission denied");
        } catch (IOException e) {
            throw problems.fatal(Located.Pos.START, "cannot read the file: " + e.getMessage());
        }
    }

    static String tooLarge(long bytes) {
        return "the file is " + megabytes(bytes) + "; a facts file is at most 1 MiB";
    }

    static String recordTooLarge(long bytes) {
        return "the record is " + megabytes(bytes) + "; one host's facts are at most 1 MiB";
    }

    private static String megabytes(long bytes) {
        String size = String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
        if (size.equals("1.0 MB")) {
            size += " (" + bytes + " bytes)"; // just over the limit: "1.0 MB" alone would look fine
        }
        return size;
    }

    /** Strict UTF-8: NUL bytes or invalid sequences mean this is not a text file. */
    private static String decode(byte[] bytes, Problems problems) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw problems.fatal(Located.Pos.START, "not a UTF-8 text file: it is encoded as UTF-16",
                    "save it as UTF-8, e.g. with Out-File -Encoding utf8 in PowerShell");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw problems.fatal(bytePos(bytes, i), "not a text file: it contains NUL bytes");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw problems.fatal(bytePos(bytes, in.position()),
                    "not a text file: invalid UTF-8 at byte " + in.position());
        }
        String text = stripBom(out.flip().toString());
        checkCharacters(text, problems);
        return text;
    }

    /** Control characters other than tab and line breaks only occur in binary data. */
    private static void checkCharacters(String text, Problems problems) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                throw problems.fatal(new Located.Pos(line, column), c == 0 ? "not a text file: it contains NUL bytes"
                        : String.format(Locale.ROOT, "not a text file: it contains the control character U+%04X", (int) c));
            }
            if (c == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }

    private static Located.Pos bytePos(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Located.Pos(line, offset - lineStart + 1);
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Format sniff(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' ? Format.JSON : Format.YAML;
            }
        }
        return Format.YAML;
    }

    /** {@code case-7.yaml} gives {@code case-7}; also for names like {@code cases/a.yaml#facts}. */
    static String defaultId(String sourceName) {
        String last = sourceName.substring(Math.max(sourceName.lastIndexOf('/'), sourceName.lastIndexOf('\\')) + 1);
        int dot = last.lastIndexOf('.');
        String id = dot > 0 ? last.substring(0, dot) : last;
        return id.isEmpty() ? sourceName : id;
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // A surrogate pair is four bytes, two for each half.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
