package org.rdpdiag.report;

import java.util.ArrayList;
import java.util.List;

/** Word wrapping with a hanging indent, so reports stay readable at 100 columns. */
public final class Wrap {
    static final int WIDTH = 100;

    private Wrap() {}

    /**
     * Wraps text; the first line starts with {@code first}, the others with {@code rest}. Width
     * counts visible characters only (ANSI styling is free). A word longer than a line, such as a
     * long URL, stands alone on its line rather than being broken.
     */
    public static String wrap(String text, String first, String rest) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int lineStart = 0;
        boolean empty = true;
        for (String word : text.strip().split("\\s+")) {
            if (!empty && visible(line.substring(lineStart)) + 1 + visible(word) > WIDTH) {
                lines.add(line.toString());
                lineStart = line.length() + 1;
                line.append('\n').append(rest);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        return line.toString();
    }

    private static int visible(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
