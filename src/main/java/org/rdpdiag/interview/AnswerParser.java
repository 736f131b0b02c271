package org.rdpdiag.interview;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.rdpdiag.strategy.Option;
import java.util.Locale;
import java.util.Set;

/**
 * Turns what a person typed into the value of a fact, or into a hint saying what is expected.
 * Accepts a choice's number, its value or its label, yes/no words for booleans, {@code 0x904} or
 * {@code 2308} for codes, and comma-separated numbers (or "none") for lists.
 */
public final class AnswerParser {
    /** Either a value or a hint. */
    public record Parsed(Object value, String hint) {
        public boolean ok() {
            return hint == null;
        }

        static Parsed of(Object value) {
            return new Parsed(value, null);
        }

        static Parsed error(String hint) {
            return new Parsed(null, hint);
        }
    }

    private static final Set<String> YES = Set.of("y", "yes", "true", "on", "1");
    private static final Set<String> NO = Set.of("n", "no", "false", "off", "0");

    private AnswerParser() {}

    public static Parsed parse(String input, Candidate c) {
        String text = input == null ? "" : input.strip();
        if (text.isEmpty()) {
            return Parsed.error("type an answer, or 'unknown' if you cannot find out (help lists the commands)");
        }
        List<Option> options = c.options();
        String kind = c.field().kind();
        if ("integer-list".equals(kind)) {
            return list(text, options);
        }
        Option byNumberOrName = choose(text, options);
        if (byNumberOrName != null) {
            return Parsed.of(byNumberOrName.value());
        }
        switch (kind) {
            case "boolean": {
                String t = text.toLowerCase(Locale.ROOT);
                if (YES.contains(t)) {
                    return Parsed.of(true);
                }
                if (NO.contains(t)) {
                    return Parsed.of(false);
                }
                return Parsed.error("answer yes or no (or " + numbers(options) + ")");
            }
            case "code":
                return code(text);
            case "integer":
                return number(text, c, true);
            case "number":
                return number(text, c, false);
            default:
                if (!options.isEmpty()) {
                    return Parsed.error("choose " + numbers(options) + " or type one of: " + values(options));
                }
                Integer max = c.field().maxLength();
                if (max != null && text.codePointCount(0, text.length()) > max) {
                    // The same limit as in a facts file, so that saved answers can be read back.
                    return Parsed.error("at most " + max + " characters, please; keep what identifies the case");
                }
                return Parsed.of(text);
        }
    }

    private static Option choose(String text, List<Option> options) {
        if (options.isEmpty()) {
            return null;
        }
        if (text.matches("\\d+")) {
            int n = Integer.parseInt(text);
            // A bare number is a choice number only for closed questions.
            return n >= 1 && n <= options.size() && !(options.get(0).value() instanceof Integer) ? options.get(n - 1) : null;
        }
        for (Option o : options) {
            if (String.valueOf(o.value()).equalsIgnoreCase(text) || o.label().equalsIgnoreCase(text)) {
                return o;
            }
        }
        return null;
    }

    private static Parsed list(String text, List<Option> options) {
        // A list pasted as a facts file writes it, [1058, 36870], means the same as 1058, 36870.
        if (text.length() >= 2 && text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1).strip();
            if (text.isEmpty()) {
                return Parsed.of(List.of());
            }
        }
        if (text.equalsIgnoreCase("none") || text.equals("-")) {
            return Parsed.of(List.of());
        }
        Set<Integer> out = new LinkedHashSet<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            Integer value = null;
            if (part.matches("\\d+")) {
                int n = Integer.parseInt(part);
                if (n >= 1 && n <= options.size()) {
                    value = (Integer) options.get(n - 1).value();
                } else if (options.stream().anyMatch(o -> o.value().equals(n))) {
                    value = n;
                }
            }
            if (value == null) {
                return Parsed.error("list the numbers shown (e.g. 1,3) or the ids themselves (" + values(options)
                        + "), or 'none'; '" + part + "' is neither");
            }
            out.add(value);
        }
        return Parsed.of(new ArrayList<>(out));
    }

    private static Parsed code(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        try {
            BigInteger v = t.startsWith("0x") ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
            if (v.signum() >= 0 && v.bitLength() < 31) {
                return Parsed.of(v.intValue());
            }
        } catch (NumberFormatException e) {
            // fall through to the hint
        }
        return Parsed.error("type the code as shown in the dialog, e.g. 0x904 (or its decimal value 2308)");
    }

    private static Parsed number(String text, Candidate c, boolean whole) {
        try {
            double v = Double.parseDouble(text.replace(',', '.').replace("%", "").replace("ms", "").strip());
            if (whole && v != Math.rint(v)) {
                return Parsed.error("a whole number is expected");
            }
            Double min = c.field().minimum();
            Double max = c.field().maximum();
            if ((min != null && v < min) || (max != null && v > max)) {
                return Parsed.error("expected a number from " + fmt(min) + " to " + fmt(max));
            }
            return Parsed.of(whole ? (Object) (int) v : (Object) v);
        } catch (NumberFormatException e) {
            return Parsed.error("a number is expected" + (c.field().minimum() != null
                    ? " from " + fmt(c.field().minimum()) + (c.field().maximum() == null ? " up" : " to " + fmt(c.field().maximum()))
                    : ""));
        }
    }

    private static String fmt(Double d) {
        return d == null ? "any" : d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d);
    }

    private static String numbers(List<Option> options) {
        return options.isEmpty() ? "" : "1-" + options.size();
    }

    private static String values(List<Option> options) {
        return String.join(", ", options.stream().map(o -> String.valueOf(o.value())).toList());
    }
}
