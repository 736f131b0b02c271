package org.rdpdiag.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.rdpdiag.facts.Observations;
import org.rdpdiag.facts.Vocabulary;

/**
 * Records every firing with the observed values the rule read: the raw material of evidence and
 * of the {@code --explain} trace. As a runtime listener as well, it also counts the changes each
 * rule makes to working memory; the engine attaches it that way only to name a looping rule,
 * because every insert would otherwise pay for an event.
 */
final class FiringRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
    private final Map<String, Engine.RuleReads> rules;
    private final List<Firing> firings = new ArrayList<>();
    /** Changes to working memory made by each rule, other than the conclusions it records. */
    private final Map<String, Integer> changes = new HashMap<>();

    /** The rule firing now or last; read by the watchdog's thread when a session runs out of time. */
    private volatile String lastRule;

    private final SectionFacts sections;
    private final Observations observed;

    /**
     * @param sections tells which section a matched fact stands for
     * @param observed the values the session's facts were filled from: evidence quotes them
     */
    FiringRecorder(Map<String, Engine.RuleReads> rules, SectionFacts sections, Observations observed) {
        this.rules = rules;
        this.sections = sections;
        this.observed = observed;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        lastRule = event.getMatch().getRule().getName();
    }

    String lastRule() {
        return lastRule;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        String name = event.getMatch().getRule().getName();
        Engine.RuleReads rule = rules.get(name);
        List<FactValue> values = List.of();
        if (rule != null && rule.positions().length > 0) {
            List<FactValue> found = new ArrayList<>(rule.positions().length);
            Vocabulary vocabulary = observed.vocabulary();
            for (Object o : event.getMatch().getObjects()) {
                Vocabulary.Section section = sections.sectionOf(o);
                if (section == null) {
                    continue;
                }
                for (int position : rule.positions()) {
                    // An unknown value never makes a condition match (for example the other side
                    // of an "or"), so it is no evidence.
                    Object value = position >= section.first() && position < section.end() ? observed.get(position) : null;
                    if (value != null) {
                        found.add(new FactValue(vocabulary.pathAt(position), value));
                    }
                }
            }
            values = List.copyOf(found);
        }
        firings.add(new Firing(firings.size() + 1, name, rule == null ? null : rule.info().file(), values));
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        if (!(event.getObject() instanceof Evidence) && !(event.getObject() instanceof Advice)) {
            changed(event.getRule());
        }
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        changed(event.getRule());
    }

    @Override
    public void objectDeleted(ObjectDeletedEvent event) {
        if (!(event.getOldObject() instanceof Evidence) && !(event.getOldObject() instanceof Advice)) {
            changed(event.getRule());
        }
    }

    private void changed(org.kie.api.definition.rule.Rule rule) {
        if (rule != null) {
            changes.merge(rule.getName(), 1, Integer::sum);
        }
    }

    List<Firing> firings() {
        return firings;
    }

    /**
     * The suspect when the firing limit is hit: the rule that changed working memory most often
     * (a loop needs a rule that keeps changing what rules read), else the one that fired most.
     */
    String busiestRule() {
        Map<String, Integer> source = changes;
        if (source.isEmpty()) {
            source = new HashMap<>();
            for (Firing f : firings) {
                source.merge(f.rule(), 1, Integer::sum);
            }
        }
        return source.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }
}
