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
    /** Effects by question and context; bounded, since a fleet brings ever new contexts. */
    private final Map<String, List<Effect>> byContext = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<Effect>> eldest) {
                    return size() > REMEMBERED;
                }
            });
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
        Map<String, Object> context = context(kb.factsReadWith(q.fact()), Set.of(q.fact()), facts, assumed);
        String k = key(q.fact(), context);
        List<Effect> known = byContext.get(k);
        if (known == null) {
            known = learn(q, context, baselineOf(context));
            byContext.put(k, known);
        }
        return known;
    }

    /** The combined answers to two questions read together by some rule, and their effects. */
    List<Effect> of(Question q, Question partner, HostFacts facts, Map<String, Object> assumed) {
        Set<String> around = new java.util.TreeSet<>(kb.factsReadWith(q.fact()));
        around.addAll(kb.factsReadWith(partner.fact()));
        Map<String, Object> context = context(around, Set.of(q.fact(), partner.fact()), facts, assumed);
        String k = key(q.fact() + "&" + partner.fact(), context);
        List<Effect> known = byContext.get(k);
        if (known == null) {
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
            byContext.put(k, known);
        }
        return known;
    }

    /** The known (or assumed) values of the observations a rule reads with the asked ones. */
    private static Map<String, Object> context(Set<String> around, Set<String> asked, HostFacts facts,
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

    /** The cache key of what was learnt about some questions in a context. */
    private String key(String asked, Map<String, Object> context) {
        StringBuilder key = new StringBuilder(asked);
        context.forEach((p, v) -> key.append('|').append(p).append('=').append(signature(p, v)));
        return key.toString();
    }

    private Map<String, Map<String, Weight>> baselineOf(Map<String, Object> context) {
        if (context.isEmpty()) {
            if (baseline == null) {
                baseline = conclusions(HostFacts.unknown(kb.vocabulary(), "effects"));
            }
            return baseline;
        }
        Map<String, Map<String, Weight>> known = baselines.get(context.toString());
        if (known == null) {
            known = conclusions(FactValues.toFacts(kb.vocabulary(), "effects", context));
            if (known != null) {
                baselines.put(context.toString(), known);
            }
        }
        return known;
    }

    /** What the rules can tell of a value: a number only by where it falls against their thresholds. */
    private String signature(String path, Object value) {
        if (!(value instanceof Number n)) {
            return String.valueOf(value);
        }
        StringBuilder sb = new StringBuilder("#");
        double d = n.doubleValue();
        for (Object literal : kb.literals(path)) {
            if (literal instanceof Number t) {
                sb.append(Double.compare(d, t.doubleValue()));
            }
        }
        // Compared with another observation rather than a literal: only the value itself will do.
        return sb.length() == 1 ? String.valueOf(value) : sb.toString();
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
        Map<String, List<Effect>> effects;
        synchronized (byContext) {
            effects = new java.util.TreeMap<>(byContext);
        }
        return new Snapshot(kb.fingerprint(), baseline, new java.util.TreeMap<>(baselines), effects);
    }

    /** Takes over what a snapshot of the same knowledge base learnt; a snapshot of other rules is ignored. */
    boolean preload(Snapshot snapshot) {
        if (snapshot == null || !kb.fingerprint().equals(snapshot.fingerprint()) || snapshot.baseline() == null) {
            return false;
        }
        baseline = snapshot.baseline();
        baselines.putAll(snapshot.baselines());
        byContext.putAll(snapshot.effects());
        return true;
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
