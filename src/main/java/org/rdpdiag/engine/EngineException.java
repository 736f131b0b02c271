package org.rdpdiag.engine;

/** A fault of the knowledge base surfaced while running it: a looping rule or a failing consequence. */
public class EngineException extends RuntimeException {
    private final String rule;
    private final String file;

    public EngineException(String rule, String file, String message, Throwable cause) {
        super(message, cause);
        this.rule = rule;
        this.file = file;
    }

    public String rule() {
        return rule;
    }

    public String file() {
        return file;
    }
}
