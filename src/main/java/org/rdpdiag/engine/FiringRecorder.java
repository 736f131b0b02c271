package org.rdpdiag.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.rdpdiag.facts.FactPaths;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.RuleInfo;

/**
 * Records every firing with the observed values the rule read: the raw material of evidence and
 * of the {@code --explain} trace.
 */
final class FiringRecorder extends DefaultAgendaEventListener {
    private final KnowledgeBase kb;
    private final List<Firing> firings = new ArrayList<>();
    private final Map<String, Integer> counts = new HashMap<>();

    FiringRecorder(KnowledgeBase kb) {
        this.kb = kb;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        String name = event.getMatch().getRule().getName();
        RuleInfo info = kb.rule(name).orElse(null);
        List<FactValue> values = new ArrayList<>();
        if (info != null) {
            for (Object o : event.getMatch().getObjects()) {
                FactPaths.sectionOf(o.getClass()).ifPresent(section -> {
                    for (String path : info.reads()) {
                        if (path.startsWith(section + ".")) {
                            values.add(new FactValue(path, FactPaths.valueOf(o, path.substring(section.length() + 1))));
                        }
                    }
                });
            }
        }
        counts.merge(name, 1, Integer::sum);
        firings.add(new Firing(firings.size() + 1, name, info == null ? null : info.file(), List.copyOf(values)));
    }

    List<Firing> firings() {
        return firings;
    }

    /** The rule that fired most often: the suspect when the firing limit is hit. */
    String busiestRule() {
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }
}
