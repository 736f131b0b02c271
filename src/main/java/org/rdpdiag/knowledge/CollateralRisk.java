package org.rdpdiag.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The risk that a fix damages something beyond Remote Desktop. Read once, by the catalogue loader; written as its word everywhere. */
public enum CollateralRisk {
    NONE("none"),
    LOW("low"),
    HIGH("high");

    private final String word;

    CollateralRisk(String word) {
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
    public static CollateralRisk of(String word) {
        for (CollateralRisk v : values()) {
            if (v.word.equals(word)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not a collateral risk: expected one of "
                + String.join(", ", java.util.Arrays.stream(values()).map(CollateralRisk::word).toList()));
    }

    /** The word, so that text built around a value reads as the catalogue wrote it. */
    @Override
    public String toString() {
        return word;
    }
}
