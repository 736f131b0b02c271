package org.rdpdiag.knowledge;

import java.util.Arrays;
import java.util.Optional;

/**
 * How strongly one rule speaks for or against a cause. The values are certainty factors in the
 * MYCIN sense: +1 establishes, -1 excludes, anything between shifts belief.
 */
public enum Weight {
    CONFIRMS("confirms", 1.0),
    SUGGESTS("suggests", 0.6),
    HINTS("hints", 0.3),
    WEAKENS("weakens", -0.4),
    RULES_OUT("rules-out", -1.0);

    private final String word;
    private final double certainty;

    Weight(String word, double certainty) {
        this.word = word;
        this.certainty = certainty;
    }

    public String word() {
        return word;
    }

    public double certainty() {
        return certainty;
    }

    public boolean decisive() {
        return Math.abs(certainty) == 1.0;
    }

    public static Optional<Weight> fromWord(String word) {
        // Called for every conclusion a rule records, so no stream here.
        for (Weight w : values()) {
            if (w.word.equals(word)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    public static String allowedWords() {
        return String.join(", ", Arrays.stream(values()).map(Weight::word).toList());
    }
}
