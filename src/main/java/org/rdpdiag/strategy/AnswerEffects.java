package org.rdpdiag.strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Engine;
import org.rdpdiag.engine.EvidenceItem;
import org.rdpdiag.facts.FactField;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.Question;
import org.rdpdiag.knowledge.Weight;

/**
 * What each possible answer to a question makes the rules conclude, learnt once per knowledge
 * base by running the rules on that answer alone. Valuing a question then needs no rule session:
 * the plan values every question for every host of a fleet, and a session per possible answer
 * would cost a hundred times the diagnosis itself.
 *
 * <p>A rule that reads the observation together with others ({@code vpnInUse == true,
 * packetLossPct >= 5}) is foreseen with the values those others have on the host: the answers are
 * learnt once per context, the context being the known values of the partner observations, a
 * number by which side of each threshold the rules compare it with it falls. A rule whose other
 * observations are all unknown too is not foreseen; its effect shows once the answers are in.
 */
final class AnswerEffects {
    /** One conclusion an answer adds or withdraws. */
    record Delta(int cause, String rule, Weight weight, boolean added) {}

    /** One possible answer and what it changes. */
    record Effect(Option answer, List<Delta> deltas) {}

    private final KnowledgeBase kb;
    private final Engine engine;
    private final Map<String, Integer> causeAt = new HashMap<>();
    private volatile Map<String, Map<String, Weight>> baseline;
    /**
     * Effects by question and context; bounded, since a fleet brings ever new contexts. Read for
     * every valuation by every batch thread, so a concurrent map rather than a locked one.
     */
    private final Map<String, List<Effect>> byContext = new ConcurrentHashMap<>();
    private static final int REMEMBERED = 20_000;
    private final Map<String, Map<String, Map<String, Weight>>> baselines = new ConcurrentHashMap<>();

    AnswerEffects(KnowledgeBase kb) {
        this.kb = kb;
        this.engine = new Engine(kb);
        int i = 0;
        for (Cause c : kb.catalog().causes()) {
            causeAt.put(c.id(), i++);
        }
        this.baseline = null;
    }

    /**
     * Whether foreseeing answers works with these rules. A rule that fails or never returns on
     * some facts (an author's mistake, reported by the diagnosis itself) would fail every foreseen
     * answer too; then no answer is foreseen, and the plan keeps to its fixes.
     */
    private volatile boolean broken;

    /** The rules' conclusions on a host with these facts; null when they fail on them. */
    private Map<String, Map<String, Weight>> conclusions(HostFacts facts) {
        if (broken) {
            return null;
        }
        try {
            return evidence(engine.run(facts).causes());
        } catch (RuntimeException e) {
            broken = true;
            return null;
        }
    }

    /**
     * The possible answers to a question and their effects on a host with these facts, and with
     * some observations assumed on top of them (the answer that opens a follow-up); learnt on first use.
     */
    List<Effect> of(Question q, HostFacts facts, Map<String, Object> assumed) {
        Around around = around(q.fact(), null);
        String k = key(q.fact(), around, facts, assumed);
        List<Effect> known = recall(k);
        if (known == null) {
            Map<String, Object> context = context(around.paths(), Set.of(q.fact()), facts, assumed);
            known = learn(q, context, baselineOf(context));
            remember(k, known);
        }
        return known;
    }

    /** The combined answers to two questions read together by some rule, and their effects. */
    List<Effect> of(Question q, Question partner, HostFacts facts, Map<String, Object> assumed) {
        Around around = around(q.fact(), partner.fact());
        String k = key(q.fact() + "&" + partner.fact(), around, facts, assumed);
        List<Effect> known = recall(k);
        if (known == null) {
            Map<String, Object> context = context(around.paths(), Set.of(q.fact(), partner.fact()), facts, assumed);
            Map<String, Map<String, Weight>> baseline = baselineOf(context);
            List<Effect> combined = new ArrayList<>();
            for (Option a : probes(q, context)) {
                Map<String, Object> with = new HashMap<>(context);
                with.put(q.fact(), a.value());
                for (Effect b : learn(partner, with, baseline)) {
                    combined.add(new Effect(new Option(a.value(), a.label() + ", with " + partner.id() + ": "
                            + b.answer().label()), b.deltas()));
                }
            }
            known = List.copyOf(combined);
            remember(k, known);
        }
        return known;
    }

    /**
     * The observations some rule reads with the asked ones (not the asked ones themselves), in
     * path order, with the numbers each is compared with: worked out once per question, or pair
     * of questions, as every valuation of every host needs them to find its context.
     */
    private record Around(String[] paths, double[][] thresholds) {}

    private final Map<String, Around> aroundOf = new ConcurrentHashMap<>();

    private Around around(String asked, String partner) {
        return aroundOf.computeIfAbsent(partner == null ? asked : asked + "&" + partner, k -> {
            Set<String> paths = new java.util.TreeSet<>(kb.factsReadWith(asked));
            if (partner != null) {
                paths.addAll(kb.factsReadWith(partner));
            }
            paths.remove(asked);
            if (partner != null) {
                paths.remove(partner);
            }
            String[] sorted = paths.toArray(new String[0]);
            double[][] thresholds = new double[sorted.length][];
            for (int i = 0; i < sorted.length; i++) {
                thresholds[i] = kb.literals(sorted[i]).stream().filter(Number.class::isInstance)
                        .mapToDouble(l -> ((Number) l).doubleValue()).toArray();
            }
            return new Around(sorted, thresholds);
        });
    }

    /**
     * The cache key of what was learnt about some questions in the context a host gives them: the
     * asked fact, then each known (or assumed) observation around it, in path order, with its
     * signature. Built straight from the facts, as every valuation of every host needs one.
     */
    private static String key(String asked, Around around, HostFacts facts, Map<String, Object> assumed) {
        StringBuilder key = new StringBuilder(64).append(asked);
        String[] paths = around.paths();
        for (int i = 0; i < paths.length; i++) {
            String p = paths[i];
            Object value = assumed.containsKey(p) ? assumed.get(p) : facts.value(p);
            if (value != null) {
                key.append('|').append(p).append('=');
                appendSignature(key, value, around.thresholds()[i]);
            }
        }
        return key.toString();
    }

    /**
     * What the rules can tell of a value: a number only by where it falls against their
     * thresholds; compared with another observation rather than a literal, only the value itself will do.
     */
    private static void appendSignature(StringBuilder sb, Object value, double[] thresholds) {
        if (!(value instanceof Number n) || thresholds.length == 0) {
            sb.append(value);
            return;
        }
        sb.append('#');
        double d = n.doubleValue();
        for (double t : thresholds) {
            sb.append(Double.compare(d, t));
        }
    }

    private List<Effect> recall(String key) {
        List<Effect> known = byContext.get(key);
        return known != null ? known : preloaded(key);
    }

    private void remember(String key, List<Effect> effects) {
        if (byContext.size() >= REMEMBERED) {
            // Bounded the simplest way: a fleet that brings ever new contexts learns again the
            // ones it still meets; what the jar carries is decoded again when asked for.
            byContext.clear();
        }
        byContext.put(key, effects);
    }

    /** The known (or assumed) values of the observations a rule reads with the asked ones. */
    private static Map<String, Object> context(String[] around, Set<String> asked, HostFacts facts,
            Map<String, Object> assumed) {
        Map<String, Object> context = new java.util.TreeMap<>();
        for (String other : around) {
            Object value = assumed.containsKey(other) ? assumed.get(other) : facts.value(other);
            if (value != null && !asked.contains(other)) {
                context.put(other, value);
            }
        }
        return context;
    }

    private Map<String, Map<String, Weight>> baselineOf(Map<String, Object> context) {
        if (context.isEmpty()) {
            if (baseline == null) {
                baseline = conclusions(HostFacts.unknown(kb.vocabulary(), "effects"));
            }
            return baseline;
        }
        Map<String, Map<String, Weight>> known = baselines.get(context.toString());
        EffectsFile file = carried;
        if (known == null && file != null) {
            known = file.baseline(context.toString());
            if (known != null) {
                baselines.put(context.toString(), known);
            }
        }
        if (known == null) {
            known = conclusions(FactValues.toFacts(kb.vocabulary(), "effects", context));
            if (known != null) {
                baselines.put(context.toString(), known);
            }
        }
        return known;
    }

    /**
     * The answers tried for a question: its offered answers, or values on both sides of every
     * threshold the rules compare it with.
     */
    private List<Option> probes(Question q, Map<String, Object> context) {
        FactField field = kb.vocabulary().field(q.fact()).orElseThrow();
        Set<Object> literals = new LinkedHashSet<>(kb.literals(q.fact()));
        if (literals.stream().noneMatch(Number.class::isInstance)) {
            // A fact compared only with another one borrows that one's numbers, so that the
            // probes land on both sides of it.
            for (String partner : kb.factsReadWith(q.fact())) {
                kb.literals(partner).stream().filter(Number.class::isInstance).forEach(literals::add);
            }
        }
        // A known partner's value is the threshold this observation is compared with.
        context.values().stream().filter(Number.class::isInstance).forEach(literals::add);
        return Probes.of(q, field, Options.offered(q, field), literals);
    }

    /** The effects of each answer to {@code q} on a host with {@code context}, against {@code baseline}. */
    private List<Effect> learn(Question q, Map<String, Object> context, Map<String, Map<String, Weight>> baseline) {
        List<Effect> out = new ArrayList<>();
        for (Option probe : probes(q, context)) {
            Map<String, Object> values = new HashMap<>(context);
            values.put(q.fact(), probe.value());
            HostFacts alone = FactValues.toFacts(kb.vocabulary(), "effects", values);
            Map<String, Map<String, Weight>> with = baseline == null ? null : conclusions(alone);
            if (with == null) {
                return List.of();
            }
            List<Delta> deltas = new ArrayList<>();
            with.forEach((cause, rules) -> rules.forEach((rule, w) -> {
                if (!baseline.getOrDefault(cause, Map.of()).containsKey(rule)) {
                    deltas.add(new Delta(causeAt.get(cause), rule, w, true));
                }
            }));
            baseline.forEach((cause, rules) -> rules.forEach((rule, w) -> {
                if (!with.getOrDefault(cause, Map.of()).containsKey(rule)) {
                    deltas.add(new Delta(causeAt.get(cause), rule, w, false));
                }
            }));
            out.add(new Effect(probe, List.copyOf(deltas)));
        }
        return List.copyOf(out);
    }

    /**
     * What was learnt, to be carried in the jar: learning costs a rule session per answer and
     * context, which a cold start pays for in full.
     *
     * @param fingerprint the knowledge base the effects were learnt from; any other ignores them
     */
    record Snapshot(String fingerprint, Map<String, Map<String, Weight>> baseline,
            Map<String, Map<String, Map<String, Weight>>> baselines, Map<String, List<Effect>> effects) {}

    Snapshot snapshot() {
        Map<String, Map<String, Map<String, Weight>>> allBaselines = new java.util.TreeMap<>();
        Map<String, List<Effect>> effects = new java.util.TreeMap<>();
        EffectsFile file = carried;
        if (file != null) {
            Snapshot carriedAlready = file.snapshot();
            allBaselines.putAll(carriedAlready.baselines());
            effects.putAll(carriedAlready.effects());
        }
        allBaselines.putAll(baselines);
        effects.putAll(byContext);
        return new Snapshot(kb.fingerprint(), baseline, allBaselines, effects);
    }

    /** What the jar carries, decoded entry by entry as contexts are first asked for; null when nothing is. */
    private volatile EffectsFile carried;

    /**
     * Takes over what the file of the same knowledge base learnt; a file of other rules is
     * ignored. Only its baseline is decoded now, the rest when asked for.
     */
    boolean preload(EffectsFile file) {
        if (file == null || !kb.fingerprint().equals(file.fingerprint()) || file.baseline() == null) {
            return false;
        }
        baseline = file.baseline();
        carried = file;
        return true;
    }

    /** The effects the jar carries under this key, remembered once decoded; null when it carries none. */
    private List<Effect> preloaded(String key) {
        EffectsFile file = carried;
        List<Effect> effects = file == null ? null : file.effects(key);
        if (effects != null) {
            remember(key, effects);
        }
        return effects;
    }

    /** The rules that spoke about each cause, with their weights. */
    static Map<String, Map<String, Weight>> evidence(List<CauseAssessment> ranking) {
        Map<String, Map<String, Weight>> out = new HashMap<>();
        for (CauseAssessment a : ranking) {
            if (a.support().isEmpty() && a.against().isEmpty()) {
                continue;
            }
            Map<String, Weight> rules = new HashMap<>();
            // A fix tried in vain counts once, as the fault model's own update, not again as evidence.
            for (EvidenceItem e : a.support()) {
                if (!e.fromTriedStep()) {
                    rules.put(e.rule(), e.weight());
                }
            }
            for (EvidenceItem e : a.against()) {
                if (!e.fromTriedStep()) {
                    rules.put(e.rule(), e.weight());
                }
            }
            out.put(a.cause().id(), rules);
        }
        return out;
    }
}
