package org.rdpdiag.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.rdpdiag.facts.FactPaths;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.RuleInfo;

/**
 * Records every firing with the observed values the rule read: the raw material of evidence and
 * of the {@code --explain} trace.
 */
final class FiringRecorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
    private final KnowledgeBase kb;
    private final List<Firing> firings = new ArrayList<>();
    private final Map<String, Integer> counts = new HashMap<>();
    /** Changes to working memory made by each rule, other than the conclusions it records. */
    private final Map<String, Integer> changes = new HashMap<>();

    /** The positions of the observations each rule reads, so that a firing reads them without lookups by name. */
    private final Map<String, int[]> readsByRule;

    FiringRecorder(KnowledgeBase kb, Map<String, int[]> readsByRule) {
        this.kb = kb;
        this.readsByRule = readsByRule;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        String name = event.getMatch().getRule().getName();
        RuleInfo info = kb.rule(name).orElse(null);
        List<FactValue> values = new ArrayList<>();
        if (info != null) {
            int[] reads = readsByRule.get(name);
            for (Object o : event.getMatch().getObjects()) {
                for (int k = 0; reads != null && k < reads.length; k++) {
                    // An unknown value never makes a condition match (for example the other side
                    // of an "or"), so it is no evidence.
                    Object value = FactPaths.valueAt(reads[k], o);
                    if (value != null) {
                        values.add(new FactValue(FactPaths.pathAt(reads[k]), value));
                    }
                }
            }
        }
        counts.merge(name, 1, Integer::sum);
        firings.add(new Firing(firings.size() + 1, name, info == null ? null : info.file(), List.copyOf(values)));
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
        Map<String, Integer> source = changes.isEmpty() ? counts : changes;
        return source.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }
}
