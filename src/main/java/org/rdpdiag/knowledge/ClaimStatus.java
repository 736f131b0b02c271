package org.rdpdiag.knowledge;

import com.fasterxml.jackson.annotation.JsonValue;

/** How well Microsoft's documentation backs a claim taken from the source documents. */
public enum ClaimStatus {
    SUPPORTED("supported"),
    IMPRECISE("imprecise"),
    DOUBTFUL("doubtful"),
    NOT_DOCUMENTED("not-documented");

    private final String word;

    ClaimStatus(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }
}
