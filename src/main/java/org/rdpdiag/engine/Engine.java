package org.rdpdiag.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.RuleInfo;

/** Runs the knowledge base over one host's facts and assesses every cause. Thread-safe. */
public final class Engine {
    /** A diagnosis of this size fires well under a hundred rules; far more means a rule loops. */
    public static final int FIRING_LIMIT = 10_000;

    /**
     * The wall-clock time one rule session may take. A session takes well under a millisecond
     * once the JVM is warm, and a few hundred on a cold start of a loaded machine; beyond this a
     * rule loops slowly or never returns (see {@link SessionWatch}).
     */
    public static final Duration TIME_BUDGET = Duration.ofSeconds(5);

    /** A rule, with the positions ({@link org.rdpdiag.facts.Vocabulary#indexOf}) of the observations it reads. */
    record RuleReads(RuleInfo info, int[] positions) {}

    private final KnowledgeBase kb;
    private final Map<String, RuleReads> rules = new HashMap<>();
    private final Assessor assessor;
    private final SectionFacts sections;
    private final RuleFaults faults;
    private final long budgetNanos;

    public Engine(KnowledgeBase kb) {
        this(kb, TIME_BUDGET);
    }

    /** An engine with another time budget per session than {@link #TIME_BUDGET}. */
    public Engine(KnowledgeBase kb, Duration budget) {
        this.kb = kb;
        this.faults = new RuleFaults(kb);
        this.budgetNanos = budget.toNanos();
        this.sections = new SectionFacts(kb);
        for (RuleInfo r : kb.rules()) {
            rules.put(r.name(), new RuleReads(r,
                    r.reads().stream().mapToInt(kb.vocabulary()::indexOf).filter(i -> i >= 0).toArray()));
        }
        this.assessor = new Assessor(kb, rules);
    }

    public KnowledgeBase knowledgeBase() {
        return kb;
    }

    public EngineResult run(HostFacts facts) {
        FiringRecorder recorder = new FiringRecorder(rules, sections, facts.observations());
        EngineResult result = inSession(facts, recorder, false, (session, watch) -> {
            if (fire(session, watch, recorder) >= FIRING_LIMIT) {
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
     * Runs the same facts again, this time counting every change each rule makes to working
     * memory, so that the error names the rule that loops rather than the rules it wakes.
     */
    private EngineException looping(HostFacts facts) {
        FiringRecorder recorder = new FiringRecorder(rules, sections, facts.observations());
        inSession(facts, recorder, true, (session, watch) -> fire(session, watch, recorder));
        return faults.looping(recorder.busiestRule());
    }

    /**
     * A new session with the recorder (if any) listening, the facts inserted, handed to
     * {@code work}, then disposed. The recorder hears every change to working memory only when
     * {@code countChanges}: each insert would otherwise pay for an event.
     */
    private <T> T inSession(HostFacts facts, FiringRecorder recorder, boolean countChanges,
            BiFunction<KieSession, SessionWatch.Watch, T> work) {
        KieSession session = kb.kieBase().newKieSession();
        SessionWatch.Watch watch;
        try {
            watch = SessionWatch.start(session, kb.kieBase(), budgetNanos,
                    stack -> faults.overBudget(stack, recorder == null ? null : recorder.lastRule(), budgetMillis()));
        } catch (RuntimeException e) {
            session.dispose();
            throw e;
        }
        try {
            if (recorder != null) {
                session.addEventListener((AgendaEventListener) recorder);
                if (countChanges) {
                    session.addEventListener((RuleRuntimeEventListener) recorder);
                }
            }
            try {
                // Conditions on a single fact are evaluated as the fact goes in.
                sections.of(facts).forEach(session::insert);
            } catch (RuntimeException e) {
                throw faults.failed(null, false, e);
            }
            return work.apply(session, watch);
        } finally {
            watch.end();
            session.dispose();
        }
    }

    private long budgetMillis() {
        return budgetNanos / 1_000_000;
    }

    private int fire(KieSession session, SessionWatch.Watch watch, FiringRecorder recorder) {
        int fired;
        try {
            fired = session.fireAllRules(FIRING_LIMIT);
        } catch (ConsequenceException e) {
            String rule = e.getRule() != null ? e.getRule().getName() : recorder == null ? null : recorder.busiestRule();
            throw faults.failed(rule, true, e);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw faults.failed(null, false, e);
        }
        if (watch.expired()) {
            // The watchdog halted the session: fireAllRules returned early.
            throw faults.overBudget(watch.stuckAt, recorder == null ? null : recorder.lastRule(), budgetMillis());
        }
        return fired;
    }
}
