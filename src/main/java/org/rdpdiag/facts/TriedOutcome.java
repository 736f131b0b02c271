package org.rdpdiag.facts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What came of a step of an earlier plan that someone tried on the host. */
public enum TriedOutcome {
    /** The step was carried out and the failure persists. */
    STILL_FAILS("still-fails"),
    /** The step could not be carried out (no access, refused by the owner): it says nothing about the cause. */
    COULD_NOT_APPLY("could-not-apply");

    private final String word;

    TriedOutcome(String word) {
        this.word = word;
    }

    /** The spelling in facts files ({@code still-fails}). */
    @JsonValue
    public String word() {
        return word;
    }

    /**
     * The outcome a word names.
     *
     * @throws IllegalArgumentException when it names none (the facts reader has refused such a word, located, before)
     */
    @JsonCreator
    public static TriedOutcome of(String word) {
        for (TriedOutcome o : values()) {
            if (o.word.equals(word)) {
                return o;
            }
        }
        throw new IllegalArgumentException("no outcome '" + word + "': expected one of "
                + Arrays.stream(values()).map(TriedOutcome::word).collect(Collectors.joining(", ")));
    }
}
