package org.rdpdiag.strategy;

import java.util.ArrayList;
import java.util.List;
import org.rdpdiag.facts.FactField;
import org.rdpdiag.knowledge.Question;

/** The answers a question offers: its own choices, else yes/no, else the schema's allowed values. */
public final class Options {
    private Options() {}

    public static List<Option> offered(Question q, FactField field) {
        if (!q.choices().isEmpty()) {
            return q.choices().stream().map(c -> new Option(c.value(), c.label() == null ? String.valueOf(c.value()) : c.label())).toList();
        }
        if ("boolean".equals(field.kind())) {
            return List.of(new Option(true, "yes"), new Option(false, "no"));
        }
        List<Option> out = new ArrayList<>();
        for (Object v : field.allowed()) {
            out.add(new Option(v, String.valueOf(v)));
        }
        return List.copyOf(out);
    }
}
