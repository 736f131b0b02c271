package org.rdpdiag.facts;

import java.util.Objects;

/**
 * Where something was written in the file the user edits, so that a check made after reading
 * (above the facts layer) can report it as the reader reports its own problems.
 *
 * @param file   the file (or source) name as the reader was given it
 * @param line   1-based line
 * @param column 1-based column
 */
public record FactsLocation(String file, int line, int column) {

    public FactsLocation {
        Objects.requireNonNull(file, "file");
    }

    /** A problem at this place. */
    public FactsProblem problem(String message, String suggestion) {
        return new FactsProblem(file, line, column, message, suggestion);
    }
}
