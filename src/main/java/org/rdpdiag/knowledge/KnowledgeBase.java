package org.rdpdiag.knowledge;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kie.api.KieBase;

/**
 * A loaded knowledge base: the compiled rules, the catalogue and the index of what each rule
 * reads and concludes. Immutable and shared by every session.
 */
public final class KnowledgeBase {
    private final KieBase kieBase;
    private final Catalog catalog;
    private final Map<String, RuleInfo> rules;
    private final String fingerprint;
    private final String origin;

    KnowledgeBase(KieBase kieBase, Catalog catalog, Map<String, RuleInfo> rules, String fingerprint, String origin) {
        this.kieBase = kieBase;
        this.catalog = catalog;
        this.rules = Map.copyOf(rules);
        this.fingerprint = fingerprint;
        this.origin = origin;
    }

    public KieBase kieBase() {
        return kieBase;
    }

    public Catalog catalog() {
        return catalog;
    }

    public Collection<RuleInfo> rules() {
        return rules.values();
    }

    public Optional<RuleInfo> rule(String name) {
        return Optional.ofNullable(rules.get(name));
    }

    /** Rules that speak about a cause. */
    public List<RuleInfo> rulesFor(String causeId) {
        return rules.values().stream().filter(r -> causeId.equals(r.cause()))
                .sorted(java.util.Comparator.comparing(RuleInfo::name)).toList();
    }

    /** The fact paths whose values can change a cause's status. */
    public List<String> factsDeciding(String causeId) {
        return rulesFor(causeId).stream().flatMap(r -> r.reads().stream()).distinct().sorted()
                .collect(Collectors.toList());
    }

    /** The numbers and words rules compare a fact with, across all rules. */
    public java.util.Set<Object> literals(String path) {
        java.util.Set<Object> out = new java.util.LinkedHashSet<>();
        rules.values().forEach(r -> out.addAll(r.literals().getOrDefault(path, java.util.Set.of())));
        return out;
    }

    /** The causes whose rules read a fact. */
    public java.util.Set<String> causesReading(String path) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        rules.values().stream().filter(r -> r.cause() != null && r.reads().contains(path)).forEach(r -> out.add(r.cause()));
        return out;
    }

    /** Content hash of the rule files this knowledge base was compiled from. */
    public String fingerprint() {
        return fingerprint;
    }

    /** How the rules were obtained: {@code compiled}, {@code bundled cache} or {@code user cache}. */
    public String origin() {
        return origin;
    }
}
