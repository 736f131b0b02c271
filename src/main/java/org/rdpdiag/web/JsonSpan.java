package org.rdpdiag.web;

/** Where a JSON object or array that starts at an offset ends: the only JSON scanning done here. */
final class JsonSpan {
    private JsonSpan() {}

    /** The offset just after the value opened at {@code start} (a brace or bracket), or the text's end. */
    static int end(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (--depth == 0) {
                        return i + 1;
                    }
                }
                default -> { }
            }
        }
        return text.length();
    }
}
