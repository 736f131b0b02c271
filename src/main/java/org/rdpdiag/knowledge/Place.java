package org.rdpdiag.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a step runs: the computer or console an engineer works on. Read once, by the catalogue loader; written as its word everywhere. */
public enum Place {
    CLIENT("client"),
    HOST("host"),
    AZURE_PORTAL("azure-portal"),
    NETWORK_DEVICE("network-device"),
    GATEWAY("gateway");

    private final String word;

    Place(String word) {
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
    public static Place of(String word) {
        for (Place v : values()) {
            if (v.word.equals(word)) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not a place: expected one of "
                + String.join(", ", java.util.Arrays.stream(values()).map(Place::word).toList()));
    }

    /** The word, so that text built around a value reads as the catalogue wrote it. */
    @Override
    public String toString() {
        return word;
    }
}
