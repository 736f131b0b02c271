package org.rdpdiag.diagnosis;

import org.rdpdiag.engine.Engine;
import org.rdpdiag.engine.EngineResult;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.plan.PlanBuilder;
import org.rdpdiag.strategy.Strategy;

/** Facts in, explained diagnosis and plan out. Thread-safe; build one per knowledge base. */
public final class DiagnoseService {
    private final KnowledgeBase kb;
    private final Engine engine;
    private final Strategy strategy;
    private final PlanBuilder planner;
    private final ErrorDecoder decoder;

    public DiagnoseService(KnowledgeBase kb) {
        this.kb = kb;
        this.engine = new Engine(kb);
        this.strategy = new Strategy(kb);
        this.planner = new PlanBuilder(kb, strategy);
        this.decoder = new ErrorDecoder(kb.catalog());
    }

    /** The decision strategy the plan is written from; the interview asks the same. */
    public Strategy strategy() {
        return strategy;
    }

    public KnowledgeBase knowledgeBase() {
        return kb;
    }

    public Diagnosis diagnose(HostFacts facts) {
        EngineResult result = engine.run(facts);
        return new Diagnosis(facts, decoder.decode(facts.error()), result.causes(), planner.build(facts, result),
                result.trace(), new Diagnosis.KnowledgeInfo(kb.fingerprint(), kb.origin(), kb.rules().size(),
                        kb.catalog().causes().size()));
    }
}
