package org.rdpdiag.facts;

import java.util.List;

/**
 * The parsed content of a facts file with the position of every key and value, so that problems
 * can point at the exact spot in the file. Built by {@link YamlTree} and {@link JsonTree}; it
 * keeps duplicate keys (in file order) so that validation can report them with both positions.
 */
public sealed interface Located {

    Pos pos();

    /** A 1-based line and column. */
    record Pos(int line, int column) {
        static final Pos START = new Pos(1, 1);
    }

    record Mapping(Pos pos, List<Entry> entries) implements Located {}

    record Entry(String key, Pos keyPos, Located value) {}

    record Sequence(Pos pos, List<Located> items) implements Located {}

    /**
     * A scalar value: {@link String}, {@link Boolean}, {@link java.math.BigInteger} (every whole
     * number), {@link Double} (every other number) or {@code null} (an empty value); {@code raw} is
     * the text as written, so messages can quote {@code 10.0} rather than the parsed {@code 10}.
     */
    record Scalar(Pos pos, Object value, String raw) implements Located {}

    /** A value that was already reported as a problem (an alias, say) and must not be validated. */
    record Refused(Pos pos) implements Located {}
}
