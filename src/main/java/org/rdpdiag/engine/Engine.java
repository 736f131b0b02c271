package org.rdpdiag.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
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

    /** A rule, with the positions ({@link FactPaths#indexOf}) of the observations it reads. */
    record RuleReads(RuleInfo info, int[] positions) {}

    private final KnowledgeBase kb;
    private final Map<String, RuleReads> rules = new HashMap<>();
    private final Assessor assessor;

    public Engine(KnowledgeBase kb) {
        this.kb = kb;
        for (RuleInfo r : kb.rules()) {
            rules.put(r.name(), new RuleReads(r,
                    r.reads().stream().mapToInt(FactPaths::indexOf).filter(i -> i >= 0).toArray()));
        }
        this.assessor = new Assessor(kb, rules);
    }

    public KnowledgeBase knowledgeBase() {
        return kb;
    }

    public EngineResult run(HostFacts facts) {
        FiringRecorder recorder = new FiringRecorder(rules);
        EngineResult result = inSession(facts, recorder, false, session -> {
            if (fire(session, recorder) >= FIRING_LIMIT) {
                return null;
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
            List<CauseAssessment> causes = assessor.assess(facts, evidence, recorder.firings());
            return new EngineResult(causes, List.copyOf(advice), List.copyOf(recorder.firings()));
        });
        if (result == null) {
            throw looping(facts);
        }
        return result;
    }

    /**
     * Only the rule session of {@link #run}: a new session, the facts inserted, every rule fired
     * with its consequence, nothing recorded or assessed. The floor under every diagnosis with
     * this knowledge base, for benchmarks. Returns the number of firings.
     */
    public int fireRulesOnly(HostFacts facts) {
        return inSession(facts, null, false, session -> session.fireAllRules(FIRING_LIMIT));
    }

    /**
     * Runs the same facts again, this time counting every change each rule makes to working
     * memory, so that the error names the rule that loops rather than the rules it wakes.
     */
    private EngineException looping(HostFacts facts) {
        FiringRecorder recorder = new FiringRecorder(rules);
        inSession(facts, recorder, true, session -> fire(session, recorder));
        String rule = recorder.busiestRule();
        String file = kb.rule(rule).map(r -> r.file()).orElse("rules");
        return new EngineException(rule, file, "rule \"" + rule + "\" (" + file + ") kept re-activating itself: "
                + "stopped after " + FIRING_LIMIT + " firings. A consequence that modifies a fact its own "
                + "conditions read needs 'no-loop true' or a narrower condition.", null);
    }

    /**
     * A new session with the recorder (if any) listening, the facts inserted, handed to
     * {@code work}, then disposed. The recorder hears every change to working memory only when
     * {@code countChanges}: each insert would otherwise pay for an event.
     */
    private <T> T inSession(HostFacts facts, FiringRecorder recorder, boolean countChanges, Function<KieSession, T> work) {
        KieSession session = kb.kieBase().newKieSession();
        try {
            if (recorder != null) {
                session.addEventListener((AgendaEventListener) recorder);
                if (countChanges) {
                    session.addEventListener((RuleRuntimeEventListener) recorder);
                }
            }
            facts.sections().forEach(session::insert);
            return work.apply(session);
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
