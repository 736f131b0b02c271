package org.rdpdiag.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.rdpdiag.facts.FactPaths;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.RuleInfo;

/** Runs the knowledge base over one host's facts and assesses every cause. Thread-safe. */
public final class Engine {
    /** A diagnosis of this size fires well under a hundred rules; far more means a rule loops. */
    public static final int FIRING_LIMIT = 10_000;

    private final KnowledgeBase kb;
    /** For each rule, the positions ({@link FactPaths#indexOf}) of the observations it reads. */
    private final Map<String, int[]> readsByRule = new HashMap<>();

    public Engine(KnowledgeBase kb) {
        this.kb = kb;
        for (RuleInfo r : kb.rules()) {
            readsByRule.put(r.name(), r.reads().stream().mapToInt(FactPaths::indexOf).filter(i -> i >= 0).toArray());
        }
    }

    public KnowledgeBase knowledgeBase() {
        return kb;
    }

    public EngineResult run(HostFacts facts) {
        KieSession session = kb.kieBase().newKieSession();
        FiringRecorder recorder = new FiringRecorder(kb, readsByRule);
        session.addEventListener((org.kie.api.event.rule.AgendaEventListener) recorder);
        session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) recorder);
        try {
            facts.sections().forEach(session::insert);
            int fired = fire(session, recorder);
            if (fired >= FIRING_LIMIT) {
                String rule = recorder.busiestRule();
                String file = kb.rule(rule).map(r -> r.file()).orElse("rules");
                throw new EngineException(rule, file, "rule \"" + rule + "\" (" + file + ") kept re-activating itself: "
                        + "stopped after " + FIRING_LIMIT + " firings. A consequence that modifies a fact its own "
                        + "conditions read needs 'no-loop true' or a narrower condition.", null);
            }
            List<Evidence> evidence = new ArrayList<>();
            List<Advice> advice = new ArrayList<>();
            for (Object o : session.getObjects()) {
                if (o instanceof Evidence e) {
                    evidence.add(e);
                } else if (o instanceof Advice a) {
                    advice.add(a);
                }
            }
            advice.sort(java.util.Comparator.comparing(Advice::step).thenComparing(Advice::rule));
            List<CauseAssessment> causes = new Assessor(kb).assess(facts, evidence, recorder.firings());
            return new EngineResult(causes, List.copyOf(advice), List.copyOf(recorder.firings()));
        } finally {
            session.dispose();
        }
    }

    private int fire(KieSession session, FiringRecorder recorder) {
        try {
            return session.fireAllRules(FIRING_LIMIT);
        } catch (ConsequenceException e) {
            String rule = e.getRule() == null ? recorder.busiestRule() : e.getRule().getName();
            String file = kb.rule(rule).map(r -> r.file()).orElse("rules");
            Throwable root = e.getCause() == null ? e : e.getCause();
            throw new EngineException(rule, file, "rule \"" + rule + "\" (" + file + ") failed in its consequence: "
                    + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()), e);
        }
    }
}
