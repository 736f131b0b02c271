package org.rdpdiag.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rdpdiag.facts.FactField;
import org.rdpdiag.facts.Vocabulary;

/**
 * The field reference of {@code docs/facts.md}: one table per section of the observation
 * vocabulary, with each observation's type and allowed values, meaning, and how to read it on
 * Windows. Written from the vocabulary, so the documentation cannot drift from what the reader
 * accepts.
 */
public final class VocabularyDocument {
    /** The lines that enclose the written tables in a document that holds them. */
    public static final String BEGIN = "<!-- observations: written by 'rdpdiag rules schema --doc' from the vocabulary; edit"
            + " rules/observations.yaml, not these tables -->";
    public static final String END = "<!-- end of observations -->";

    private static final Map<String, String> PLACES = Map.of("client", "client", "host", "host", "azure-portal", "Azure portal",
            "gateway", "RD Gateway / Connection Broker");

    private VocabularyDocument() {}

    /** The tables, between {@link #BEGIN} and {@link #END}. */
    public static String markdown(Vocabulary vocabulary) {
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        for (Vocabulary.Section s : vocabulary.sections()) {
            out.append("\n### `").append(s.name()).append("`\n\n").append(s.about()).append("\n\n")
                    .append("| Field | Type and allowed values | Meaning | How to read it on Windows |\n")
                    .append("|---|---|---|---|\n");
            for (int i = s.first(); i < s.end(); i++) {
                FactField f = vocabulary.fieldAt(i);
                out.append("| `").append(f.path().substring(s.name().length() + 1)).append("` | ").append(cell(type(f)))
                        .append(" | ").append(cell(f.description())).append(" | **").append(places(f.where())).append(":** ")
                        .append(cell(f.how())).append(" |\n");
            }
        }
        return out.append('\n').append(END).append('\n').toString();
    }

    private static String type(FactField f) {
        String type = switch (f.kind()) {
            case "boolean" -> "`true` or `false`";
            case "code" -> "error code: a number, or text in hex or decimal (see [Error codes](#error-codes))";
            case "string" -> f.allowed().isEmpty()
                    ? "text" + (f.maxLength() == null ? "" : ", at most " + f.maxLength() + " characters")
                    : "one of " + values(f.allowed());
            case "integer-list" -> (f.allowed().isEmpty() ? "list of whole numbers" + range(f) : "list of " + values(f.allowed()))
                    + " (each at most once)";
            case "integer" -> "whole number" + range(f);
            default -> "number" + range(f);
        };
        return f.unit() == null ? type : type + " (" + f.unit() + ")";
    }

    private static String range(FactField f) {
        if (f.minimum() != null && f.maximum() != null) {
            return ", " + number(f.minimum()) + " to " + number(f.maximum());
        }
        if (f.minimum() != null) {
            return ", " + number(f.minimum()) + " or more";
        }
        return f.maximum() == null ? "" : ", at most " + number(f.maximum());
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String values(List<Object> values) {
        List<String> quoted = new ArrayList<>();
        values.forEach(v -> quoted.add("`" + v + "`"));
        return String.join(", ", quoted);
    }

    private static String places(List<String> where) {
        List<String> names = where.stream().map(w -> PLACES.getOrDefault(w, w)).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** A table cell: a bar would end it, so it is escaped; line breaks would end the row. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
