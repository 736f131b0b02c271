package org.rdpdiag.web;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rdpdiag.facts.FactField;
import org.rdpdiag.strategy.Option;

/**
 * An answer's value written as text and read back by the kind of its observation: how an answer
 * travels in a page's address and in an API request. Unlike what a person types (read by
 * {@code interview.AnswerParser}, which also takes choice numbers and labels), the written form
 * has one meaning only: a list item is always a value, never a choice number.
 */
final class AnswerValues {
    /** How an unknown answer is written. */
    static final String UNKNOWN = "?";

    private AnswerValues() {}

    /** The value as it is written: lists comma-separated, everything else as its own text. */
    static String write(Object value) {
        if (value == null) {
            return UNKNOWN;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    /**
     * Reads a written value for a field.
     *
     * @throws IllegalArgumentException saying what the field expects
     */
    static Object read(String text, FactField field, List<Option> options) {
        String t = text.strip();
        switch (field.kind()) {
            case "boolean":
                if (t.equalsIgnoreCase("true")) {
                    return true;
                }
                if (t.equalsIgnoreCase("false")) {
                    return false;
                }
                throw new IllegalArgumentException("expected true or false");
            case "code":
                return code(t);
            case "integer":
                return (int) number(t, field, true);
            case "number":
                return number(t, field, false);
            case "integer-list": {
                List<Integer> out = new ArrayList<>();
                for (String part : t.isEmpty() ? new String[0] : t.split(",")) {
                    int v;
                    try {
                        v = Integer.parseInt(part.strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("expected a list of whole numbers, found '" + part.strip() + "'");
                    }
                    if (!field.allowed().isEmpty() && !field.allowed().contains(v)) {
                        throw new IllegalArgumentException(v + " is not one of " + field.allowed());
                    }
                    if (!out.contains(v)) {
                        out.add(v);
                    }
                }
                return out;
            }
            default: {
                if (!options.isEmpty()) {
                    for (Option o : options) {
                        if (String.valueOf(o.value()).equals(t)) {
                            return o.value();
                        }
                    }
                    throw new IllegalArgumentException("expected one of " + options.stream().map(o -> String.valueOf(o.value()))
                            .collect(Collectors.joining(", ")));
                }
                if (t.isEmpty()) {
                    throw new IllegalArgumentException("expected some text");
                }
                if (field.maxLength() != null && t.codePointCount(0, t.length()) > field.maxLength()) {
                    throw new IllegalArgumentException("at most " + field.maxLength() + " characters");
                }
                return t;
            }
        }
    }

    private static int code(String t) {
        String s = t.toLowerCase(Locale.ROOT);
        try {
            BigInteger v = s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
            if (v.signum() >= 0 && v.bitLength() < 31) {
                return v.intValue();
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("expected a code such as 0x904 or 2308");
    }

    private static double number(String t, FactField field, boolean whole) {
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(whole ? "expected a whole number" : "expected a number");
        }
        if (Double.isNaN(v) || Double.isInfinite(v) || (whole && (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE))) {
            throw new IllegalArgumentException(whole ? "expected a whole number" : "expected a number");
        }
        if ((field.minimum() != null && v < field.minimum()) || (field.maximum() != null && v > field.maximum())) {
            throw new IllegalArgumentException("expected a number from " + (field.minimum() == null ? "any" : field.minimum())
                    + " to " + (field.maximum() == null ? "any" : field.maximum()));
        }
        return v;
    }
}
