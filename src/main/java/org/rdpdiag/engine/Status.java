package org.rdpdiag.engine;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a cause ends after assessment. Order matters: it is the ranking order. */
public enum Status {
    CONFIRMED("confirmed"),
    LIKELY("likely"),
    POSSIBLE("possible"),
    RULED_OUT("ruled_out");

    private final String word;

    Status(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    public boolean open() {
        return this == LIKELY || this == POSSIBLE;
    }

    /** Confirmed or likely: enough to act on, unless the evidence contradicts itself. */
    public boolean confirmedOrLikely() {
        return this == CONFIRMED || this == LIKELY;
    }

    /**
     * The status written as {@code word}.
     *
     * @throws IllegalArgumentException for any other word
     */
    public static Status of(String word) {
        for (Status s : values()) {
            if (s.word.equals(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no status '" + word + "'");
    }
}
