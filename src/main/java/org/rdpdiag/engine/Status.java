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
}
