package org.rdpdiag.knowledge;

import java.util.Map;

/** The metadata keys of the project's DRL conventions, in one place. */
public final class RuleMetadata {
    public static final String CAUSE = "cause";
    public static final String WEIGHT = "weight";
    public static final String STEP = "step";
    public static final String EXPLANATION = "explanation";

    private RuleMetadata() {}

    public static Weight weightOf(String rule, Map<String, Object> meta) {
        Object word = meta.get(WEIGHT);
        if (word == null) {
            throw new IllegalStateException("rule '" + rule + "' names a @cause but no @weight ("
                    + Weight.allowedWords() + ")");
        }
        return Weight.fromWord(unquote(word.toString())).orElseThrow(() -> new IllegalStateException(
                "rule '" + rule + "' has @weight(\"" + word + "\"); expected one of " + Weight.allowedWords()));
    }

    /** The executable model keeps the quotes of metadata values; the classic engine drops them. */
    public static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
