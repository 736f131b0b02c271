package org.rdpdiag.facts;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingEndEvent;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceEndEvent;
import org.snakeyaml.engine.v2.events.StreamEndEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Builds a {@link Located} tree from YAML text using snakeyaml-engine's event stream.
 *
 * <p>Events rather than composed nodes, because the tree must never contain an expanded alias:
 * anchors and aliases are reported where they are written and the aliased content is never
 * looked at, which makes "billion laughs" files as cheap as their text. Plain scalars are typed
 * with the YAML 1.2 core schema ({@code 0x904} is a number, {@code yes} is a string).
 */
final class YamlTree {
    /** Facts files are three levels deep; anything much deeper is skipped, not recursed into. */
    static final int MAX_DEPTH = 8;
    private static final ScalarResolver CORE = new CoreSchema().getScalarResolver();
    static final String TOO_DEEP = "nested more than " + MAX_DEPTH + " levels deep; a facts file is at most three levels deep";
    private static final String ALIAS_MESSAGE = "anchors and aliases are not allowed in facts files";

    private final String file;
    private final Problems problems;
    private Iterator<Event> events;
    private String text;

    private YamlTree(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * The tree of the single document in {@code text}, or {@code null} when the file holds no
     * document (empty or only comments). Problems of structure go to {@code problems}; a syntax
     * error ends reading with a {@link FactsException} carrying just that error.
     */
    static Located read(String text, String file, Problems problems) {
        return new YamlTree(file, problems).document(text);
    }

    private Located document(String text) {
        this.text = text;
        LoadSettings settings = LoadSettings.builder().setLabel(file).setUseMarks(true).build();
        events = new Parse(settings).parseReader(new WholeCharacters(text)).iterator();
        next(); // stream start
        Event e = next();
        if (e instanceof StreamEndEvent) {
            return null;
        }
        Event first = next();
        // A document that is only a '---' marker (and comments) is as empty as a blank file.
        boolean blank = first instanceof ScalarEvent s && s.isPlain() && s.getValue().isEmpty()
                && s.getTag().isEmpty() && s.getAnchor().isEmpty();
        Located root = node(first, 0);
        next(); // document end
        e = next();
        if (e instanceof DocumentStartEvent) {
            // Stop here: whatever follows is not part of the facts, so its syntax does not matter.
            problems.add(pos(e), "the file holds more than one YAML document ('---' starts a new one); "
                    + "a facts file is a single document", "remove the '---' line or split the file");
        }
        return blank ? null : root;
    }

    private Located node(Event e, int depth) {
        if (e instanceof AliasEvent) {
            problems.add(pos(e), ALIAS_MESSAGE, "write the value out in full");
            return new Located.Refused(pos(e));
        }
        anchorCheck(e);
        if (e instanceof ScalarEvent s) {
            return scalar(s);
        }
        CollectionStartEvent start = (CollectionStartEvent) e;
        Tag expected = start instanceof MappingStartEvent ? Tag.MAP : Tag.SEQ;
        if (!tagAllowed(start.getTag(), expected)) {
            problems.add(pos(e), tagMessage(start.getTag().get()));
            skipRest(1);
            return new Located.Refused(pos(e));
        }
        if (depth >= MAX_DEPTH) {
            // Stop reading: skipping a deep structure would still make the parser walk all of it.
            throw problems.fatal(pos(e), TOO_DEEP);
        }
        return start instanceof MappingStartEvent ? mapping(start, depth) : sequence(start, depth);
    }

    private Located mapping(Event start, int depth) {
        List<Located.Entry> entries = new ArrayList<>();
        for (Event k = next(); !(k instanceof MappingEndEvent); k = next()) {
            String key = key(k);
            Located value = node(next(), depth + 1);
            if (key != null) {
                entries.add(new Located.Entry(key, pos(k), value));
            }
        }
        return new Located.Mapping(pos(start), entries);
    }

    private Located sequence(Event start, int depth) {
        List<Located> items = new ArrayList<>();
        for (Event e = next(); !(e instanceof SequenceEndEvent); e = next()) {
            items.add(node(e, depth + 1));
        }
        return new Located.Sequence(pos(start), items);
    }

    /** The key's name, or {@code null} (after reporting why) when it is not a plain name. */
    private String key(Event k) {
        if (k instanceof AliasEvent) {
            problems.add(pos(k), ALIAS_MESSAGE, "write the key out in full");
            return null;
        }
        anchorCheck(k);
        if (k instanceof CollectionStartEvent c) {
            problems.add(pos(k), "a key must be a name, found " + (c instanceof MappingStartEvent ? "a mapping" : "a list"));
            skipRest(1);
            return null;
        }
        Located.Scalar s = scalar((ScalarEvent) k);
        if (s.value() instanceof String name) {
            return name;
        }
        problems.add(pos(k), "a key must be a name, found " + Hints.describe(s),
                s.value() == null ? null : "put the key in quotes if it is meant as a name");
        return null;
    }

    private Located.Scalar scalar(ScalarEvent s) {
        Optional<String> tag = s.getTag();
        if (tag.isPresent()) {
            if (!tagAllowed(tag, Tag.STR)) {
                problems.add(pos(s), tagMessage(tag.get()));
            }
            return new Located.Scalar(pos(s), s.getValue(), s.getValue());
        }
        if (!s.isPlain()) {
            return new Located.Scalar(pos(s), s.getValue(), s.getValue());
        }
        return new Located.Scalar(pos(s), plainValue(s.getValue()), s.getValue());
    }

    /** Types a plain scalar the way the YAML 1.2 core schema does. */
    static Object plainValue(String text) {
        Tag tag = CORE.resolve(text, true);
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.valueOf(text.toLowerCase(Locale.ROOT));
        }
        if (tag.equals(Tag.INT)) {
            return integer(text);
        }
        if (tag.equals(Tag.FLOAT)) {
            String t = text.toLowerCase(Locale.ROOT);
            if (t.endsWith(".nan")) {
                return Double.NaN;
            }
            if (t.endsWith(".inf")) {
                return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return Double.valueOf(text);
        }
        return text;
    }

    private static BigInteger integer(String text) {
        if (text.startsWith("0x")) {
            return new BigInteger(text.substring(2), 16);
        }
        if (text.startsWith("0o")) {
            return new BigInteger(text.substring(2), 8);
        }
        return new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    }

    private void anchorCheck(Event e) {
        if (e instanceof NodeEvent n && n.getAnchor().isPresent()) {
            problems.add(pos(e), ALIAS_MESSAGE, "remove '&" + n.getAnchor().get().getValue() + "' and write values out in full");
        }
    }

    private static boolean tagAllowed(Optional<String> tag, Tag expected) {
        return tag.isEmpty() || tag.get().equals("!") || tag.get().equals(expected.getValue());
    }

    private static String tagMessage(String tag) {
        String shown = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
        return "the YAML tag '" + shown + "' is not allowed in facts files";
    }

    /** Consumes events up to the end of the collection that is {@code open} levels deep. */
    private void skipRest(int open) {
        while (open > 0) {
            Event e = next();
            if (e instanceof CollectionStartEvent) {
                open++;
            } else if (e instanceof MappingEndEvent || e instanceof SequenceEndEvent) {
                open--;
            }
        }
    }

    private Event next() {
        try {
            return events.next();
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(e);
        } catch (ReaderException e) {
            throw problems.fatal(codePointPos(e.getPosition()), String.format(Locale.ROOT,
                    "the file contains the character U+%04X, which YAML does not allow", e.getCodePoint()),
                    "remove it or put it in a quoted value as an escape such as \\u007f");
        } catch (YamlEngineException e) {
            throw problems.fatal(Located.Pos.START, "not valid YAML: " + e.getMessage());
        }
    }

    private FactsException syntaxError(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        String message;
        String suggestion = null;
        if (problem.startsWith("could not find expected ':'")) {
            // The parser notices only on the next line; the key without ':' is where the context starts.
            mark = e.getContextMark().or(() -> e.getProblemMark());
            message = "expected ':' after a key";
        } else if (problem.startsWith("mapping values are not allowed here")) {
            message = "unexpected ':'";
            suggestion = "a line above may lack a ':' after its key, or a value containing ': ' needs quotes";
        } else if (problem.contains("expected <block end>")) {
            message = "the indentation does not match the lines above";
            suggestion = "keys of one section must start in the same column";
        } else if (problem.contains("'\\t(TAB)'") || problem.contains("TAB")) {
            message = "a tab character cannot be used for indentation";
            suggestion = "indent with spaces";
        } else if (context.startsWith("while scanning a quoted scalar")) {
            mark = e.getContextMark().or(() -> e.getProblemMark());
            message = "a quoted value is not closed";
            suggestion = "add the closing quote";
        } else if (problem.contains("<stream end>")
                && !context.startsWith("while parsing a flow mapping") && !context.startsWith("while parsing a flow sequence")) {
            message = "the file ends where more was expected";
            suggestion = "close every '[' and '{' that is opened";
        } else if (context.startsWith("while parsing a flow mapping")) {
            message = "expected ',' or '}' in the { } mapping that starts at line " + line(e.getContextMark());
        } else if (context.startsWith("while parsing a flow sequence")) {
            message = "expected ',' or ']' in the [ ] list that starts at line " + line(e.getContextMark());
        } else if (problem.contains("that cannot start any token")) {
            message = "a value cannot start with " + problem.replaceFirst("^found character (\\S+) that.*$", "$1");
            suggestion = "put the value in quotes";
        } else if (context.startsWith("while scanning an alias") || context.startsWith("while scanning an anchor")) {
            message = ALIAS_MESSAGE;
        } else {
            message = "not valid YAML: " + (context.isEmpty() ? "" : context + ": ") + problem;
        }
        return problems.fatal(mark.map(YamlTree::pos).orElse(Located.Pos.START), message, suggestion);
    }

    /** Where the reader's code point index falls, for errors that carry no mark. */
    private Located.Pos codePointPos(int index) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < index; i += Character.charCount(text.codePointAt(i)), seen++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Located.Pos(line, column);
    }

    private String line(Optional<Mark> mark) {
        return mark.map(m -> Integer.toString(problems.line(pos(m)))).orElse("?");
    }

    private static Located.Pos pos(Event e) {
        return e.getStartMark().map(YamlTree::pos).orElse(Located.Pos.START);
    }

    private static Located.Pos pos(Mark m) {
        return new Located.Pos(m.getLine() + 1, m.getColumn() + 1);
    }

    /**
     * The text for the YAML parser, handed over so that no read ends between the two halves of a
     * character outside the Basic Multilingual Plane (an emoji, say). snakeyaml-engine fails with
     * an IndexOutOfBoundsException when a read that fills its buffer ends on the first half: a facts
     * file with such a character at the wrong offset could not be read at all.
     */
    private static final class WholeCharacters extends java.io.Reader {
        private final String text;
        private int next;

        WholeCharacters(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (next >= text.length()) {
                return -1;
            }
            int n = Math.min(length, text.length() - next);
            if (n > 1 && Character.isHighSurrogate(text.charAt(next + n - 1))) {
                n--;
            }
            text.getChars(next, next + n, buffer, offset);
            next += n;
            return n;
        }

        @Override
        public void close() {
            // Nothing to release: the text is a string.
        }
    }
}
