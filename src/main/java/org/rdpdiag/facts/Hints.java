package org.rdpdiag.facts;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.rdpdiag.text.Inert;

/** Wording shared by the readers and the validator: closest-name suggestions and value descriptions. */
public final class Hints {
    private Hints() {}

    /**
     * The candidate closest to {@code wrong} by edit distance, if it is close enough to be a
     * plausible typo. Case is ignored for the distance (so {@code NLARequired} finds
     * {@code nlaRequired}); ties go to the candidate whose case matches better.
     */
    public static Optional<String> closest(String wrong, Collection<String> candidates) {
        if (wrong.length() > 64) {
            return Optional.empty(); // not a typo of a field name, and the distance table would be large
        }
        String lower = wrong.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestExact = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            int exact = distance(wrong, candidate);
            if (d < bestDistance || (d == bestDistance && exact < bestExact)) {
                best = candidate;
                bestDistance = d;
                bestExact = exact;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        // About one edit per three letters, at least one and at most three: enough for typos,
        // not so many that "a" would be "corrected" to "id".
        int allowed = Math.max(1, Math.min(3, best.length() / 3));
        return bestDistance <= allowed && bestDistance < wrong.length() ? Optional.of(best) : Optional.empty();
    }

    /**
     * Edit distance where inserting, deleting or replacing a letter, or swapping two neighbours
     * ({@code hots} for {@code host}), each cost one (optimal string alignment distance).
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** How a found value is named in messages: {@code string "yes"}, {@code number 5}, {@code a list}. */
    static String describe(Located node) {
        if (node instanceof Located.Mapping) {
            return "a mapping";
        }
        if (node instanceof Located.Sequence) {
            return "a list";
        }
        if (node instanceof Located.Scalar s) {
            Object value = s.value();
            if (value == null) {
                return "an empty value";
            }
            if (value instanceof String text) {
                return "string " + quote(text);
            }
            if (value instanceof Boolean b) {
                return b.toString();
            }
            return "number " + (s.raw() != null ? s.raw() : number(value));
        }
        return "a value that was refused";
    }

    /** A number as the user would write it (no exponent for whole numbers, no trailing ".0" noise). */
    static String number(Object value) {
        if (value instanceof BigInteger i) {
            return i.toString();
        }
        double d = (Double) value;
        if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    /** A key for messages: as written with controls escaped, but cut short when it is very long. */
    static String key(String key) {
        String shown = Inert.terminal(key);
        return shown.length() <= 60 ? shown : shown.substring(0, 57) + "...";
    }

    /** A string in double quotes, escaped and cut short so that one message stays one line. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        int max = 60;
        for (int i = 0; i < s.length(); i++) {
            if (out.length() > max) {
                out.append("...");
                break;
            }
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Inert.unsafe(c)) {
                        out.append(Inert.escape(c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
