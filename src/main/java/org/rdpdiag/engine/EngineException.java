package org.rdpdiag.engine;

/**
 * A fault of the knowledge base surfaced while running it: a looping rule, a failing consequence
 * or condition, or a session over its time budget. Names the rule and where it is written.
 */
public class EngineException extends RuntimeException {
    private final String rule;
    private final String file;
    private final int line;

    /**
     * @param rule the rule at fault, or null when it could not be told
     * @param line the line of its {@code rule} keyword in {@code file}, or 0 when unknown
     */
    public EngineException(String rule, String file, int line, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
        this.file = file;
        this.line = line;
    }

    public String rule() {
        return rule;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** {@code rules/tls.drl:12}, or the file alone when the line is unknown. */
    public String location() {
        return line > 0 ? file + ":" + line : file;
    }
}
