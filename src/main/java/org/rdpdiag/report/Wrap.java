package org.rdpdiag.report;

/** Word wrapping with a hanging indent, so reports stay readable at 100 columns. */
public final class Wrap {
    static final int WIDTH = 100;

    private Wrap() {}

    /**
     * Wraps text; the first line starts with {@code first}, the others with {@code rest}. Width
     * counts visible characters only (ANSI styling is free). A word longer than a line, such as a
     * long URL, stands alone on its line rather than being broken. Words are separated by runs of
     * ASCII whitespace.
     *
     * <p>One pass over the text: the width of the line being filled is kept as a running count,
     * never measured again, so a dialog text of many thousand words costs no more than its length.
     */
    public static String wrap(String text, String first, String rest) {
        String body = text.strip();
        StringBuilder out = new StringBuilder(first.length() + body.length() + body.length() / WIDTH * (rest.length() + 1));
        out.append(first);
        int restWidth = visible(rest, 0, rest.length());
        int width = visible(first, 0, first.length());
        boolean empty = true;
        int i = 0;
        while (i < body.length()) {
            int start = i;
            while (i < body.length() && !space(body.charAt(i))) {
                i++;
            }
            int word = visible(body, start, i);
            if (!empty && width + 1 + word > WIDTH) {
                out.append('\n').append(rest);
                width = restWidth;
                empty = true;
            }
            if (!empty) {
                out.append(' ');
                width++;
            }
            out.append(body, start, i);
            width += word;
            empty = false;
            while (i < body.length() && space(body.charAt(i))) {
                i++;
            }
        }
        return out.toString();
    }

    /** The whitespace that separates words: the ASCII characters of the regular expression {@code \s}. */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** Characters of {@code s[from, to)} that take a column: ANSI colour codes ({@code ESC [ digits ; m}) take none. */
    private static int visible(String s, int from, int to) {
        int n = 0;
        int i = from;
        while (i < to) {
            int end = i;
            if (s.charAt(i) == '\u001b' && i + 1 < to && s.charAt(i + 1) == '[') {
                end = i + 2;
                while (end < to && (s.charAt(end) >= '0' && s.charAt(end) <= '9' || s.charAt(end) == ';')) {
                    end++;
                }
                end = end < to && s.charAt(end) == 'm' ? end + 1 : i;
            }
            if (end > i) {
                i = end;
            } else {
                n++;
                i++;
            }
        }
        return n;
    }
}
