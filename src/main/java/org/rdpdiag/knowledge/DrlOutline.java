package org.rdpdiag.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a DRL text as written: where each starts, where its consequence is and whether
 * it is closed by {@code end}. A scan of the text, not a parse: it runs on every load (even from
 * the cache) and must stay cheap, and it still answers where the Drools parser gives up. Strings,
 * character literals and comments are skipped, so an {@code end} or {@code rule} inside them does
 * not count.
 */
public final class DrlOutline {
    /** What {@link #consequenceProblems} accepts; conclusions are declared in the rule's metadata. */
    public static final String CONVENTIONAL = "conclude(drools);";

    /**
     * One rule.
     *
     * @param consequence its text between {@code then} and {@code end} (or the end of the file), or null without {@code then}
     * @param at          where its consequence starts (its first character other than blank, else {@code then})
     * @param closed      whether an {@code end} closes it
     */
    public record Rule(String name, Position start, String consequence, Position at, boolean closed) {}

    /** A 1-based line and column. */
    public record Position(int line, int column) {}

    private DrlOutline() {}

    public static List<Rule> rules(String text) {
        List<Rule> out = new ArrayList<>();
        int depth = 0;
        int i = 0;
        // Within a rule: where it starts, its name, and the offset after "then" once seen.
        int ruleAt = -1;
        String name = null;
        int thenAt = -1;
        int thenEnd = -1;
        while (i < text.length()) {
            char c = text.charAt(i);
            int skip = skipLiteralOrComment(text, i);
            if (skip > i) {
                if (ruleAt >= 0 && name == null && (c == '"' || c == '\'')) {
                    name = text.substring(i + 1, Math.max(i + 1, skip - 1));
                }
                i = skip;
                continue;
            }
            if (c == '{' || c == '(') {
                depth++;
            } else if ((c == '}' || c == ')') && depth > 0) {
                depth--;
            }
            if (!Character.isJavaIdentifierStart(c)) {
                i++;
                continue;
            }
            int wordEnd = i;
            while (wordEnd < text.length() && Character.isJavaIdentifierPart(text.charAt(wordEnd))) {
                wordEnd++;
            }
            boolean wordStart = i == 0 || !Character.isJavaIdentifierPart(text.charAt(i - 1)) && text.charAt(i - 1) != '.';
            String word = wordStart && depth == 0 ? text.substring(i, wordEnd) : "";
            if (word.equals("rule")) {
                if (ruleAt >= 0) {
                    // A rule starts before the previous one was closed: that one lacks its end.
                    out.add(rule(text, ruleAt, name, thenAt, thenEnd, i, false));
                }
                ruleAt = i;
                name = null;
                thenAt = -1;
                thenEnd = -1;
            } else if (ruleAt >= 0 && name == null) {
                name = text.substring(i, wordEnd);
            } else if (ruleAt >= 0 && word.equals("then") && thenAt < 0) {
                thenAt = i;
                thenEnd = wordEnd;
            } else if (ruleAt >= 0 && word.equals("end") && thenAt >= 0) {
                out.add(rule(text, ruleAt, name, thenAt, thenEnd, i, true));
                ruleAt = -1;
            }
            i = wordEnd;
        }
        if (ruleAt >= 0) {
            out.add(rule(text, ruleAt, name, thenAt, thenEnd, text.length(), false));
        }
        return out;
    }

    private static Rule rule(String text, int ruleAt, String name, int thenAt, int thenEnd, int stop, boolean closed) {
        String consequence = thenAt < 0 ? null : text.substring(thenEnd, Math.max(thenEnd, stop));
        Position at = null;
        if (thenAt >= 0) {
            int first = thenEnd;
            while (first < stop && Character.isWhitespace(text.charAt(first))) {
                first++;
            }
            at = position(text, first < stop ? first : thenAt);
        }
        return new Rule(name, position(text, ruleAt), consequence, at, closed);
    }

    /**
     * Every closed rule whose consequence is not {@link #CONVENTIONAL}. What a rule concludes is
     * metadata; any other code in a consequence could change the facts, loop, wait or never
     * return, and a thread stuck in it cannot be stopped. Such rules are refused, so they never run.
     */
    public static List<KnowledgeProblem> consequenceProblems(String file, String text) {
        List<KnowledgeProblem> out = new ArrayList<>();
        for (Rule r : rules(text)) {
            if (!r.closed() || r.consequence() == null) {
                continue; // the compiler reports an unfinished rule
            }
            String code = withoutComments(r.consequence());
            if (!code.replaceAll("\\s+", "").equals(CONVENTIONAL)) {
                String found = code.strip().replaceAll("\\s+", " ");
                found = found.isEmpty() ? "empty" : "'" + (found.length() > 60 ? found.substring(0, 57) + "..." : found) + "'";
                out.add(KnowledgeProblem.error(file, r.at().line(), r.at().column(), "rule \"" + r.name()
                        + "\": its consequence is " + found + ", but a consequence must be exactly " + CONVENTIONAL
                        + " (what a rule concludes is declared by @cause with @weight, or by @step); move any test "
                        + "into the conditions and write " + CONVENTIONAL + " after 'then'"));
            }
        }
        return out;
    }

    /** The 1-based line and column of an offset. */
    public static Position position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart + 1);
    }

    private static String withoutComments(String code) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < code.length()) {
            int skip = skipLiteralOrComment(code, i);
            if (skip > i && code.charAt(i) == '/') {
                sb.append(' ');
            } else if (skip > i) {
                sb.append(code, i, skip);
            } else {
                sb.append(code.charAt(i));
                skip = i + 1;
            }
            i = skip;
        }
        return sb.toString();
    }

    /** The offset after a string, character literal or comment starting at {@code i}; {@code i} when none does. */
    private static int skipLiteralOrComment(String text, int i) {
        char c = text.charAt(i);
        char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
        if (c == '/' && next == '/') {
            int nl = text.indexOf('\n', i);
            return nl < 0 ? text.length() : nl;
        }
        if (c == '/' && next == '*') {
            int close = text.indexOf("*/", i + 2);
            return close < 0 ? text.length() : close + 2;
        }
        if (c == '"' || c == '\'') {
            int j = i + 1;
            while (j < text.length() && text.charAt(j) != c && text.charAt(j) != '\n') {
                j += text.charAt(j) == '\\' ? 2 : 1;
            }
            return Math.min(j + 1, text.length());
        }
        return i;
    }
}
