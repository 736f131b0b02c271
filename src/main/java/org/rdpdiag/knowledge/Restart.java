package org.rdpdiag.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a fix restarts to take effect, from nothing to the whole machine. Read once, by the catalogue loader; written as its word everywhere. */
public enum Restart {
    NONE("none"),
    RECONNECT("reconnect"),
    POLICY_REFRESH("policy-refresh"),
    SERVICE("service"),
    REBOOT("reboot");

    private final String word;

    Restart(String word) {
        this.word = word;
    }

    /** The word the catalogue and the reports use. */
    @JsonValue
    public String word() {
        return word;
    }

    /**
     * The value written as {@code word}.
     *
     * @throws IllegalArgumentException for any other word, naming the allowed ones
     */
    @JsonCreator
    public static Restart of(String word) {
        for (Restart v : values()) {
            if (v.word.equals(word)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not a restart: expected one of "
                + String.join(", ", java.util.Arrays.stream(values()).map(Restart::word).toList()));
    }

    /** The word, so that text built around a value reads as the catalogue wrote it. */
    @Override
    public String toString() {
        return word;
    }
}
