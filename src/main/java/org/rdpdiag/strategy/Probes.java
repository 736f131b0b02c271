package org.rdpdiag.strategy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rdpdiag.facts.FactField;
import org.rdpdiag.knowledge.Question;

/**
 * The hypothetical answers simulated to value a question. Closed questions try each offered
 * answer; open ones try values on both sides of every threshold the rules compare the fact with
 * ({@code packetLossPct > 5} gives 4 and 6), and for text the words the rules look for.
 */
public final class Probes {
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9 ]{2,}");

    private Probes() {}

    public static List<Option> of(Question q, FactField field, List<Option> options, Set<Object> literals) {
        switch (field.kind()) {
            case "boolean":
                return options;
            case "integer-list": {
                List<Option> out = new ArrayList<>();
                out.add(new Option(List.of(), "none"));
                for (Option o : options) {
                    out.add(new Option(List.of(o.value()), String.valueOf(o.value())));
                }
                return out;
            }
            case "integer":
            case "number":
            case "code": {
                boolean whole = !"number".equals(field.kind());
                Set<Object> values = new LinkedHashSet<>();
                for (Object l : literals) {
                    if (l instanceof Number n) {
                        double d = n.doubleValue();
                        double step = whole ? 1 : Math.max(0.5, Math.abs(d) * 0.1);
                        for (double v : new double[] {d - step, d, d + step}) {
                            if ((field.minimum() == null || v >= field.minimum()) && (field.maximum() == null || v <= field.maximum())) {
                                values.add(whole ? (Object) (int) Math.round(v) : (Object) v);
                            }
                        }
                    }
                }
                if (values.isEmpty()) {
                    values.add(whole ? (Object) 0 : (Object) 0.0);
                }
                return values.stream().map(v -> new Option(v, String.valueOf(v))).toList();
            }
            default: {
                if (!options.isEmpty()) {
                    return options;
                }
                Set<String> words = new LinkedHashSet<>();
                for (Object l : literals) {
                    if (l instanceof String s) {
                        List<String> samples = samplesMatching(s);
                        if (!samples.isEmpty()) {
                            words.addAll(samples);
                            continue;
                        }
                        Matcher m = WORD.matcher(s);
                        while (m.find()) {
                            words.add(m.group().strip());
                        }
                    }
                }
                List<Option> out = new ArrayList<>();
                words.forEach(w -> out.add(new Option(w, w)));
                out.add(new Option("something else", "something else"));
                return out;
            }
        }
    }

    private static final Pattern FLAGS = Pattern.compile("^\\(\\?[a-z]+\\)");
    private static final Pattern ALTERNATION = Pattern.compile("\\(([^()]*\\|[^()]*)\\)");

    /**
     * Texts a rule's regular expression accepts, one per alternative of its first alternation:
     * {@code (?is).*(credssp|encryption oracle).*} gives "credssp" and "encryption oracle". Only
     * samples that really match are kept; an expression too clever for this gives none.
     */
    public static List<String> samplesMatching(String regex) {
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
            return List.of();
        }
        String body = FLAGS.matcher(regex).replaceFirst("");
        List<String> variants = new ArrayList<>();
        Matcher alt = ALTERNATION.matcher(body);
        if (alt.find()) {
            for (String option : alt.group(1).split("\\|")) {
                variants.add(body.substring(0, alt.start()) + option + body.substring(alt.end()));
            }
        } else {
            variants.add(body);
        }
        List<String> out = new ArrayList<>();
        for (String v : variants) {
            String sample = v.replace(".*", " ").replace(".+", " x ").replaceAll("\\\\(.)", "$1")
                    .replaceAll("[\\^$()\\[\\]?*+|]", "").replaceAll("\\s+", " ").strip();
            if (!sample.isEmpty() && compiled.matcher(sample).matches()) {
                out.add(sample);
            }
        }
        return out;
    }
}
