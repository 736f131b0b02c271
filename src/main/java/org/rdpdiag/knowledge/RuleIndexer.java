package org.rdpdiag.knowledge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.RuleConditionElement;
import org.drools.base.rule.constraint.Constraint;
import org.drools.base.base.ClassObjectType;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.rdpdiag.facts.Vocabulary;

/**
 * Builds the {@link RuleInfo} of every rule. Which observations a rule reads is taken from the
 * text of its compiled constraints: every identifier that names a field of the pattern's section
 * record. This is what lets evidence, check selection and (later) question selection follow the
 * rules without authors declaring anything twice.
 */
final class RuleIndexer {
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /**
     * {@code field op literal}: numbers, quoted words, or a parenthesised list of them. The
     * compiled form of {@code matches} prints as {@code ~=}.
     */
    private static final Pattern COMPARISON = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_]*)\\s*(==|!=|>=|<=|>|<|contains|not contains|matches|~=|in|not in)\\s*"
                    + "(\\([^)]*\\)|\"[^\"]*\"|-?\\d+(?:\\.\\d+)?)");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"|(-?\\d+(?:\\.\\d+)?)");

    private RuleIndexer() {}

    static Map<String, RuleInfo> index(Collection<KiePackage> packages, Map<String, String> sources, Vocabulary vocabulary) {
        Map<String, RuleInfo> out = new LinkedHashMap<>();
        for (KiePackage pkg : packages) {
            for (Rule rule : pkg.getRules()) {
                RuleImpl impl = (RuleImpl) rule;
                if (impl.isQuery()) {
                    continue;
                }
                Map<String, String> meta = new LinkedHashMap<>();
                rule.getMetaData().forEach((k, v) -> meta.put(k, RuleMetadata.unquote(String.valueOf(v))));
                Set<String> reads = new LinkedHashSet<>();
                Map<String, Set<Object>> literals = new LinkedHashMap<>();
                collect(impl.getLhs(), reads, literals, vocabulary);
                String file = impl.getResource() == null ? null : impl.getResource().getSourcePath();
                out.put(rule.getName(), new RuleInfo(rule.getName(), file, lineOf(sources.get(file), rule.getName()),
                        meta.get(RuleMetadata.CAUSE),
                        meta.get(RuleMetadata.WEIGHT), meta.get(RuleMetadata.STEP), List.copyOf(reads), meta, literals));
            }
        }
        return out;
    }

    private static void collect(RuleConditionElement element, Set<String> reads, Map<String, Set<Object>> literals,
            Vocabulary vocabulary) {
        if (element instanceof org.drools.base.rule.Pattern p) {
            if (p.getObjectType() instanceof ClassObjectType cot
                    && Vocabulary.FACT_PACKAGE.equals(cot.getClassType().getPackageName())) {
                vocabulary.sectionOfType(cot.getClassType().getSimpleName()).ifPresent(s -> {
                    String section = s.name();
                    List<String> fields = fieldNames(vocabulary, s);
                    for (Constraint c : p.getConstraints()) {
                        String text = String.valueOf(c);
                        Matcher m = IDENT.matcher(text);
                        while (m.find()) {
                            if (fields.contains(m.group())) {
                                reads.add(section + "." + m.group());
                            }
                        }
                        Matcher cmp = COMPARISON.matcher(text);
                        while (cmp.find()) {
                            if (fields.contains(cmp.group(1))) {
                                literals.computeIfAbsent(section + "." + cmp.group(1), k -> new LinkedHashSet<>())
                                        .addAll(literalsOf(cmp.group(3)));
                            }
                        }
                    }
                });
            }
        } else if (element instanceof GroupElement g) {
            for (RuleConditionElement child : g.getChildren()) {
                collect(child, reads, literals, vocabulary);
            }
        } else if (element != null) {
            for (RuleConditionElement child : element.getNestedElements()) {
                collect(child, reads, literals, vocabulary);
            }
        }
    }

    /** The numbers and quoted words of a comparison's right-hand side. */
    private static List<Object> literalsOf(String text) {
        List<Object> out = new ArrayList<>();
        Matcher m = LITERAL.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                out.add(m.group(1));
            } else if (m.group(2).contains(".")) {
                out.add(Double.valueOf(m.group(2)));
            } else {
                out.add(Integer.valueOf(m.group(2)));
            }
        }
        return out;
    }

    /** Compiled rules do not keep their line, so it is looked up in the source text. */
    private static int lineOf(String text, String rule) {
        if (text == null) {
            return 0;
        }
        Matcher m = Pattern.compile("(?m)^\\s*rule\\s+\"" + Pattern.quote(rule) + "\"").matcher(text);
        if (!m.find()) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < m.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line + (int) text.substring(m.start(), m.end()).chars().takeWhile(Character::isWhitespace).filter(c -> c == '\n').count();
    }

    private static List<String> fieldNames(Vocabulary vocabulary, Vocabulary.Section section) {
        List<String> names = new ArrayList<>();
        for (int i = section.first(); i < section.end(); i++) {
            names.add(vocabulary.pathAt(i).substring(section.name().length() + 1));
        }
        return names;
    }
}
