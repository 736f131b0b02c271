package org.rdpdiag.facts;

import java.util.Objects;

/**
 * One problem found in a facts file, located where the user has to edit it.
 *
 * @param file       the file (or source) name as the caller gave it
 * @param line       1-based line of the offending key or value
 * @param column     1-based column of the offending key or value
 * @param message    what is wrong, in plain words
 * @param suggestion a hint such as {@code did you mean 'nlaRequired'?}, or {@code null}
 */
public record FactsProblem(String file, int line, int column, String message, String suggestion) {

    public FactsProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** Editor-friendly form: {@code file:line:column: error: message (suggestion)}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": error: " + message
                + (suggestion == null ? "" : " (" + suggestion + ")");
    }
}
