package org.rdpdiag.collected;

import java.util.Optional;

/** Where a collector ran: the host being connected to, or the client connecting to it. */
public enum Side {
    HOST("host"),
    CLIENT("client");

    private final String word;

    Side(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<Side> of(String word) {
        for (Side s : values()) {
            if (s.word.equals(word)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
