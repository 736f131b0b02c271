package org.rdpdiag.facts;

import java.util.Objects;
import org.rdpdiag.text.Inert;

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

    /**
     * Editor-friendly form: {@code file:line:column: error: message (suggestion)}. File names,
     * keys and values in it come from the input and are printed on terminals, so controls and
     * bidirectional overrides in them are shown escaped.
     */
    @Override
    public String toString() {
        return Inert.terminal(file + ":" + line + ":" + column + ": error: " + message
                + (suggestion == null ? "" : " (" + suggestion + ")"));
    }
}
