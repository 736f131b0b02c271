package org.rdpdiag.diagnosis;

import org.rdpdiag.engine.Engine;
import org.rdpdiag.engine.EngineResult;
import org.rdpdiag.engine.StaleReadings;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.plan.Plan;
import org.rdpdiag.plan.PlanBuilder;
import org.rdpdiag.strategy.Strategy;
import org.rdpdiag.timing.Phases;

/** Facts in, explained diagnosis and plan out. Thread-safe; build one per knowledge base. */
public final class DiagnoseService {
    private final KnowledgeBase kb;
    private final Engine engine;
    private final Strategy strategy;
    private final PlanBuilder planner;
    private final ErrorDecoder decoder;
    private final TriedSteps tried;
    private final StaleReadings staleness;

    public DiagnoseService(KnowledgeBase kb) {
        long phase = Phases.start();
        this.kb = kb;
        this.engine = new Engine(kb);
        this.strategy = new Strategy(kb);
        this.planner = new PlanBuilder(kb, strategy);
        this.decoder = new ErrorDecoder(kb.catalog());
        this.tried = new TriedSteps(kb.catalog());
        this.staleness = new StaleReadings(kb.catalog());
        Phases.end("services (engine, strategy, planner)", phase);
    }

    /**
     * The facts a diagnosis stands on: the readings a later change made stale set aside, and the
     * documented message a dialog text carries recognised (rules read the message, not the words).
     */
    public StaleReadings.Current current(HostFacts given) {
        StaleReadings.Current current = staleness.current(given);
        HostFacts facts = current.facts();
        String text = (String) facts.value("error.dialogText");
        if (text == null || facts.value("error.dialogMessage") != null) {
            return current;
        }
        return kb.catalog().recognise(text)
                .map(m -> new StaleReadings.Current(facts.with("error.dialogMessage", m.id()), current.setAside()))
                .orElse(current);
    }

    /** The decision strategy the plan is written from; the interview asks the same. */
    public Strategy strategy() {
        return strategy;
    }

    public KnowledgeBase knowledgeBase() {
        return kb;
    }

    /**
     * Checks what the facts list as tried against the knowledge base: every step must name one
     * of its fixes.
     *
     * @throws org.rdpdiag.facts.FactsException listing every step that does not, located where it
     *                                          is written
     */
    public void checkTried(HostFacts facts) {
        tried.check(facts);
    }

    /**
     * @throws org.rdpdiag.facts.FactsException when a step the facts list as tried names no fix of
     *                                          the knowledge base ({@link #checkTried})
     */
    public Diagnosis diagnose(HostFacts given) {
        tried.check(given);
        StaleReadings.Current current = current(given);
        HostFacts facts = current.facts();
        long phase = Phases.start();
        EngineResult result = engine.run(facts);
        Phases.end("rule session", phase);
        phase = Phases.start();
        Plan plan = planner.build(facts, result);
        Phases.end("plan", phase);
        return new Diagnosis(facts, decoder.decode(facts.error()), result.causes(), plan,
                result.trace(), new Diagnosis.KnowledgeInfo(kb.fingerprint(), kb.origin(), kb.rules().size(),
                        kb.catalog().causes().size()), current.setAside());
    }
}
