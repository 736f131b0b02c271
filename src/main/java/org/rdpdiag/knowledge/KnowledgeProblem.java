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

    /** Editor-friendly form: {@code file:line:column: error: message}. */
    @Override
    public String toString() {
        return file + ":" + Math.max(line, 1) + ":" + Math.max(column, 1) + ": "
                + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
