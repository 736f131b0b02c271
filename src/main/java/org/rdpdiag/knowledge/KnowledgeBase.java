package org.rdpdiag.knowledge;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kie.api.KieBase;
import org.rdpdiag.facts.Vocabulary;

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
    private final Vocabulary vocabulary;
    // Indexes derived once from the rules: the engine's assessment and the interview's
    // simulations consult them on every run.
    private final Map<String, List<RuleInfo>> rulesByCause;
    private final Map<String, List<String>> factsByCause;
    /** The same facts by their position in the vocabulary ({@link Vocabulary#indexOf}), for hot loops. */
    private final Map<String, int[]> factIndicesByCause;
    /** The same by the catalogue's own cause objects: identity is cheaper than hashing the id on hot paths. */
    private final Map<Cause, int[]> factIndicesByCatalogCause = new java.util.IdentityHashMap<>();
    private final Map<String, java.util.Set<String>> causesByFact;
    private final Map<String, java.util.Set<Object>> literalsByFact;
    private final Map<String, java.util.Set<String>> partnersByFact;

    KnowledgeBase(KieBase kieBase, Catalog catalog, Map<String, RuleInfo> rules, String fingerprint, String origin,
            Vocabulary vocabulary) {
        this.kieBase = kieBase;
        this.vocabulary = vocabulary;
        this.catalog = catalog;
        this.rules = Map.copyOf(rules);
        this.fingerprint = fingerprint;
        this.origin = origin;
        Map<String, List<RuleInfo>> byCause = new java.util.HashMap<>();
        Map<String, java.util.Set<String>> byFact = new java.util.HashMap<>();
        Map<String, java.util.Set<Object>> literals = new java.util.HashMap<>();
        for (RuleInfo r : rules.values()) {
            if (r.cause() != null) {
                byCause.computeIfAbsent(r.cause(), k -> new java.util.ArrayList<>()).add(r);
                r.reads().forEach(p -> byFact.computeIfAbsent(p, k -> new java.util.TreeSet<>()).add(r.cause()));
            }
            r.literals().forEach((p, values) -> literals.computeIfAbsent(p, k -> new java.util.LinkedHashSet<>()).addAll(values));
        }
        byCause.replaceAll((k, v) -> v.stream().sorted(java.util.Comparator.comparing(RuleInfo::name)).toList());
        this.rulesByCause = Map.copyOf(byCause);
        Map<String, List<String>> facts = new java.util.HashMap<>();
        byCause.forEach((c, list) -> facts.put(c, list.stream().flatMap(r -> r.reads().stream()).distinct().sorted().toList()));
        this.factsByCause = Map.copyOf(facts);
        Map<String, int[]> indices = new java.util.HashMap<>();
        facts.forEach((c, paths) -> indices.put(c, paths.stream().mapToInt(vocabulary::indexOf).toArray()));
        this.factIndicesByCause = Map.copyOf(indices);
        catalog.causes().forEach(c -> factIndicesByCatalogCause.put(c, factIndicesDeciding(c.id())));
        byFact.replaceAll((k, v) -> java.util.Collections.unmodifiableSet(v));
        this.causesByFact = Map.copyOf(byFact);
        literals.replaceAll((k, v) -> java.util.Collections.unmodifiableSet(v));
        this.literalsByFact = Map.copyOf(literals);
        Map<String, java.util.Set<String>> partners = new java.util.HashMap<>();
        for (RuleInfo r : this.rules.values()) {
            if (r.cause() != null) {
                for (String p : r.reads()) {
                    r.reads().stream().filter(q -> !q.equals(p))
                            .forEach(q -> partners.computeIfAbsent(p, k -> new java.util.LinkedHashSet<>()).add(q));
                }
            }
        }
        partners.replaceAll((k, v) -> java.util.Collections.unmodifiableSet(v));
        this.partnersByFact = Map.copyOf(partners);
    }

    public KieBase kieBase() {
        return kieBase;
    }

    /** The observation vocabulary the rules are written against; facts for this knowledge base are read with it. */
    public Vocabulary vocabulary() {
        return vocabulary;
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
        return rulesByCause.getOrDefault(causeId, List.of());
    }

    /** The fact paths whose values can change a cause's status. */
    public List<String> factsDeciding(String causeId) {
        return factsByCause.getOrDefault(causeId, List.of());
    }

    /**
     * The positions ({@link Vocabulary#indexOf}) of {@link #factsDeciding}, in the same order; -1
     * for a path that is not an observation. The array is shared: do not change it.
     */
    public int[] factIndicesDeciding(String causeId) {
        return factIndicesByCause.getOrDefault(causeId, NONE);
    }

    /** {@link #factIndicesDeciding(String)} for a cause, looked up by identity when it is one of the catalogue's. */
    public int[] factIndicesDeciding(Cause cause) {
        int[] positions = factIndicesByCatalogCause.get(cause);
        return positions != null ? positions : factIndicesDeciding(cause.id());
    }

    private static final int[] NONE = new int[0];

    /** The numbers and words rules compare a fact with, across all rules. */
    public java.util.Set<Object> literals(String path) {
        return literalsByFact.getOrDefault(path, java.util.Set.of());
    }

    /** The causes whose rules read a fact. */
    /** Facts that some rule about a cause reads together with this one. */
    public java.util.Set<String> factsReadWith(String path) {
        return partnersByFact.getOrDefault(path, java.util.Set.of());
    }

    public java.util.Set<String> causesReading(String path) {
        return causesByFact.getOrDefault(path, java.util.Set.of());
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
