package org.rdpdiag.text;

import java.util.Locale;

/**
 * Makes text from the input safe to print: every character that a terminal would act on, or that
 * would silently reorder or break the line it is shown on, becomes a visible escape: {@code \e}
 * for ESC, {@code \r}, {@code \n}, {@code \t}, and a backslash, {@code u} and four hex digits for
 * the others (U+202E reads {@code \}{@code u202E}). Everything else, backslashes included, is
 * kept as it is, so ordinary text comes out unchanged and escaping twice changes nothing.
 *
 * <p>Escaped: C0 controls (tab and line feed too: a line break inside a value would start a fake
 * line of a report), DEL, C1 controls (U+0080 to U+009F, which some terminals read as ESC
 * sequences), the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
 * U+202A to U+202E, U+2066 to U+2069), and the Unicode line and paragraph separators.
 */
public final class Inert {
    private Inert() {}

    /** The text with every unsafe character escaped; the same string when there is none. */
    public static String terminal(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c)) {
                out.append(escape(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Prose such as a dialog text, where tabs and line breaks are only layout: each becomes a
     * space (a wrapped paragraph shows a run of them as one space anyway), then the rest is escaped
     * as by {@link #terminal}.
     */
    public static String prose(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' ? ' ' : c);
        }
        return terminal(out.toString());
    }

    /** Whether {@code c} must not reach a terminal or a document as it is. */
    public static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || c == '\u061C' || c == '\u200E' || c == '\u200F' || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    /** The visible form of one unsafe character. */
    public static String escape(char c) {
        return switch (c) {
            case '\u001B' -> "\\e";
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            default -> String.format(Locale.ROOT, "\\u%04X", (int) c);
        };
    }
}
