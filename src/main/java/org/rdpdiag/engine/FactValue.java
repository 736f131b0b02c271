package org.rdpdiag.engine;

/** One observation a rule read, with the value it had. */
public record FactValue(String path, Object value) {
    @Override
    public String toString() {
        return path + " = " + value;
    }
}
