package org.rdpdiag.knowledge;

import java.util.List;
import java.util.Map;

/**
 * One question of the interview: the observation it fills and how to ask for it. How to find
 * the answer comes from the catalogue check named by {@code check}, so commands live in one place.
 *
 * @param choices  the answers offered, in order; empty means "derive from the schema" (yes/no for
 *                 booleans, the allowed values for closed sets)
 * @param askWhen  observations that must be known to hold before the question makes sense
 *                 (follow-ups, e.g. RDS questions once the RDS role is confirmed)
 * @param cost     1..5 like checks; 0 means "use the check's cost"
 * @param askFirst asked before any reasoning, in catalogue order, while unknown (MYCIN's
 *                 ASKFIRST: what the user simply knows, like the codes in the error dialog)
 * @param minutes  minutes to get the answer; null: those of its check, else the default ({@link Costs})
 */
public record Question(String id, String fact, String prompt, List<Choice> choices, String check,
        Map<String, Object> askWhen, int cost, String note, boolean askFirst, Double minutes) implements java.io.Serializable {

    public Question {
        choices = choices == null ? List.of() : List.copyOf(choices);
        askWhen = askWhen == null ? Map.of() : Map.copyOf(askWhen);
    }

    /** One offered answer: the fact value it records and the words shown for it. */
    public record Choice(Object value, String label) implements java.io.Serializable {}
}
