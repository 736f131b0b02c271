package org.rdpdiag.knowledge;

/** One problem in the knowledge base, located in the file an author edits. */
public record KnowledgeProblem(String file, int line, int column, Severity severity, String message) {
    public enum Severity { ERROR, WARNING }

    public static KnowledgeProblem error(String file, int line, int column, String message) {
        return new KnowledgeProblem(file, line, column, Severity.ERROR, message);
    }

    public static KnowledgeProblem warning(String file, int line, int column, String message) {
        return new KnowledgeProblem(file, line, column, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * Editor-friendly form: {@code file:line:column: error: message}. Messages quote rule names and
     * values from the author's files, so controls in them are shown escaped.
     */
    @Override
    public String toString() {
        return org.rdpdiag.text.Inert.terminal(file + ":" + Math.max(line, 1) + ":" + Math.max(column, 1) + ": "
                + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message);
    }
}
