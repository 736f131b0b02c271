package org.rdpdiag.knowledge;

import java.lang.reflect.RecordComponent;
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
import org.rdpdiag.engine.RuleMetadata;
import org.rdpdiag.facts.FactPaths;

/**
 * Builds the {@link RuleInfo} of every rule. Which observations a rule reads is taken from the
 * text of its compiled constraints: every identifier that names a field of the pattern's section
 * record. This is what lets evidence, check selection and (later) question selection follow the
 * rules without authors declaring anything twice.
 */
final class RuleIndexer {
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private RuleIndexer() {}

    static Map<String, RuleInfo> index(Collection<KiePackage> packages, Map<String, String> sources) {
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
                collect(impl.getLhs(), reads);
                String file = impl.getResource() == null ? null : impl.getResource().getSourcePath();
                out.put(rule.getName(), new RuleInfo(rule.getName(), file, lineOf(sources.get(file), rule.getName()),
                        meta.get(RuleMetadata.CAUSE),
                        meta.get(RuleMetadata.WEIGHT), meta.get(RuleMetadata.STEP), List.copyOf(reads), meta));
            }
        }
        return out;
    }

    private static void collect(RuleConditionElement element, Set<String> reads) {
        if (element instanceof org.drools.base.rule.Pattern p) {
            if (p.getObjectType() instanceof ClassObjectType cot) {
                FactPaths.sectionOf(cot.getClassType()).ifPresent(section -> {
                    List<String> fields = fieldNames(cot.getClassType());
                    for (Constraint c : p.getConstraints()) {
                        Matcher m = IDENT.matcher(String.valueOf(c));
                        while (m.find()) {
                            if (fields.contains(m.group())) {
                                reads.add(section + "." + m.group());
                            }
                        }
                    }
                });
            }
        } else if (element instanceof GroupElement g) {
            for (RuleConditionElement child : g.getChildren()) {
                collect(child, reads);
            }
        } else if (element != null) {
            for (RuleConditionElement child : element.getNestedElements()) {
                collect(child, reads);
            }
        }
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

    private static List<String> fieldNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(c.getName());
        }
        return names;
    }
}
