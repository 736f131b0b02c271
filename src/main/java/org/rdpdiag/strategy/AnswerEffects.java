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
 * <p>The price is that a rule reading two observations together (sessions at the connection
 * limit) is foreseen only once the other observation is known... and not even then: its effect
 * shows when the answers are in and the rules run on them. Rules on one observation, the great
 * majority, are foreseen exactly.
 */
final class AnswerEffects {
    /** One conclusion an answer adds or withdraws. */
    record Delta(int cause, String rule, Weight weight, boolean added) {}

    /** One possible answer and what it changes. */
    record Effect(Option answer, List<Delta> deltas) {}

    private final KnowledgeBase kb;
    private final Engine engine;
    private final Map<String, Integer> causeAt = new HashMap<>();
    private final Map<String, Map<String, Weight>> baseline;
    private final Map<String, List<Effect>> byFact = new ConcurrentHashMap<>();

    AnswerEffects(KnowledgeBase kb) {
        this.kb = kb;
        this.engine = new Engine(kb);
        int i = 0;
        for (Cause c : kb.catalog().causes()) {
            causeAt.put(c.id(), i++);
        }
        this.baseline = evidence(engine.run(HostFacts.unknown("effects")).causes());
    }

    /** The possible answers to a question and their effects; computed on first use. */
    List<Effect> of(Question q) {
        return byFact.computeIfAbsent(q.fact(), f -> learn(q));
    }

    private List<Effect> learn(Question q) {
        FactField field = FactField.of(q.fact()).orElseThrow();
        List<Option> options = Options.offered(q, field);
        Set<Object> literals = new LinkedHashSet<>(kb.literals(q.fact()));
        if (literals.stream().noneMatch(Number.class::isInstance)) {
            // A fact compared only with another one borrows that one's numbers, so that the
            // probes land on both sides of it.
            for (String partner : kb.factsReadWith(q.fact())) {
                kb.literals(partner).stream().filter(Number.class::isInstance).forEach(literals::add);
            }
        }
        List<Effect> out = new ArrayList<>();
        for (Option probe : Probes.of(q, field, options, literals)) {
            HostFacts alone = FactValues.toFacts("effects", Map.of(q.fact(), probe.value()));
            Map<String, Map<String, Weight>> with = evidence(engine.run(alone).causes());
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

    /** The rules that spoke about each cause, with their weights. */
    static Map<String, Map<String, Weight>> evidence(List<CauseAssessment> ranking) {
        Map<String, Map<String, Weight>> out = new HashMap<>();
        for (CauseAssessment a : ranking) {
            if (a.support().isEmpty() && a.against().isEmpty()) {
                continue;
            }
            Map<String, Weight> rules = new HashMap<>();
            for (EvidenceItem e : a.support()) {
                rules.put(e.rule(), e.weight());
            }
            for (EvidenceItem e : a.against()) {
                rules.put(e.rule(), e.weight());
            }
            out.put(a.cause().id(), rules);
        }
        return out;
    }
}
