package org.rdpdiag.facts;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Something observed that the vocabulary has no field for, in the observer's words, with the side
 * it was seen on: the report shows it and exports keep it, though no rule can read it.
 *
 * @param side where it was seen
 * @param text what was seen, as written
 */
public record Note(Side side, String text) {

    public Note {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(text, "text");
    }

    /** Where a note was seen. */
    public enum Side {
        CLIENT("client"), HOST("host"), PATH("path"), GATEWAY("gateway");

        private final String word;

        Side(String word) {
            this.word = word;
        }

        /** The spelling in facts files. */
        public String word() {
            return word;
        }

        /**
         * @throws IllegalArgumentException when the word names no side (the schema has refused it, located, before)
         */
        public static Side of(String word) {
            for (Side s : values()) {
                if (s.word.equals(word)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("no side '" + word + "': expected one of "
                    + Arrays.stream(values()).map(Side::word).collect(Collectors.joining(", ")));
        }
    }
}
