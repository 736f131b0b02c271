package org.rdpdiag.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.Applicability;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.Costs;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.Policy;
import org.rdpdiag.knowledge.Question;

/**
 * What to find out or try next, by the expected cost of repair (ECR): the cost, in minutes, of
 * reaching the fix that ends the failure, averaged over what may be behind it (Heckerman, Breese
 * and Rommelse, CACM 1995).
 *
 * <p>The causes are treated as one fault among many possible ones: each cause weighs the odds
 * that it is present times how well it explains 0x904/0x7, and a cause the knowledge base does
 * not know weighs {@link Costs#noKnownCause()}. Fixes are tried by the chance that they end the
 * failure per minute they cost, which minimises the ECR when one fault is behind the failure and
 * fixes act independently; a fix worth less than handing the case on comes after the hand-over,
 * so never. An observation is worth making when the ECR it is expected to save exceeds its own
 * cost. The plan lists these choices; the interview asks the same observations one at a time and
 * stops where trying the first fix is cheaper in expectation than asking on.
 *
 * <p>Over 400 lines because valuing an observation (alone, with a partner question, through the
 * gate that opens it, or not at all when it cannot matter) and choosing between observing and
 * repairing are one decision procedure, which reads right only in one piece; what repairing costs
 * is apart, in {@link FaultModel}, and when an observation needs no valuation, in {@link Pruning}.
 *
 * <p>Thread-safe: one per knowledge base.
 */
public final class Strategy {
    private final KnowledgeBase kb;
    private final Costs costs;
    private final Cause[] causes;
    private final FixTable table;
    private final AnswerEffects effects;
    /** Questions the strategy may choose, in catalogue order (the codes are asked before, not chosen). */
    private final List<Question> choosable;
    /** The question that asks for each observation: gates and partners are looked up on every valuation. */
    private final Map<String, Question> questionOfFact = new HashMap<>();
    /** The observations some follow-up waits for. */
    private final Set<String> gates = new java.util.HashSet<>();
    /**
     * The check behind each question, by identity: looked up for every open question of every
     * host, where a search of the catalogue by id cost more than valuing many of them.
     */
    private final Map<Question, Check> checkOfQuestion = new java.util.IdentityHashMap<>();

    public Strategy(KnowledgeBase kb) {
        this(kb, true);
    }

    /** @param preload whether to take over the answer effects the jar carries (see {@link #BUNDLED_EFFECTS}) */
    Strategy(KnowledgeBase kb, boolean preload) {
        this.kb = kb;
        this.costs = kb.catalog().costs();
        this.table = new FixTable(kb);
        this.causes = table.causes;
        for (Question q : kb.catalog().questions()) {
            checkOfQuestion.put(q, lookUpCheck(q));
        }
        this.effects = new AnswerEffects(kb);
        this.choosable = kb.catalog().questions().stream().filter(q -> !q.askFirst()).toList();
        choosable.forEach(q -> questionOfFact.putIfAbsent(q.fact(), q));
        choosable.forEach(q -> gates.addAll(q.askWhen().keySet()));
        this.preloaded = preload && preloadBundledEffects();
    }

    /** Whether answer effects learnt at build time were taken over. */
    private final boolean preloaded;

    boolean preloaded() {
        return preloaded;
    }

    /** Where the jar carries the answer effects learnt from the bundled rules at build time (see {@link EffectsFile}). */
    public static final String BUNDLED_EFFECTS = "rdpdiag/compiled/answer-effects.bin";

    /**
     * Takes over the answer effects learnt at build time, when they were learnt from these rules:
     * a cold start then runs no rule session to foresee the answers it has seen before. Anything
     * unreadable is ignored; the effects are then learnt as they are needed, as for any other rules.
     */
    private boolean preloadBundledEffects() {
        try (java.io.InputStream in = Strategy.class.getClassLoader().getResourceAsStream(BUNDLED_EFFECTS)) {
            return in != null && effects.preload(EffectsFile.read(in.readAllBytes()));
        } catch (java.io.IOException | RuntimeException e) {
            // Learnt again when needed: slower, never wrong.
            return false;
        }
    }

    /** The answer effects learnt so far, as the file the jar carries (see {@link #BUNDLED_EFFECTS}). */
    public byte[] learntEffects() {
        return EffectsFile.write(effects.snapshot());
    }

    /**
     * What the strategy works from.
     *
     * @param ranking   the causes as the rules assessed them on {@code facts}
     * @param failed    fixes already carried out without ending the failure
     * @param tried     every fix already tried, with any outcome: none is offered again
     * @param settled   observations already asked for, answered or not: none is asked again
     * @param answered  per place where observations are made: how many answers were given there
     *                  and how many were "unknown"
     */
    public record Situation(HostFacts facts, List<CauseAssessment> ranking, Set<String> failed, Set<String> tried,
            Set<String> settled, Map<String, int[]> answered) {
        public Situation {
            failed = Set.copyOf(failed);
            tried = Set.copyOf(tried);
            settled = Set.copyOf(settled);
            answered = Map.copyOf(answered);
        }

        public static Situation of(HostFacts facts, List<CauseAssessment> ranking, Set<String> failed, Set<String> tried) {
            return new Situation(facts, ranking, failed, tried, Set.of(), Map.of());
        }

        /**
         * The situation once {@code fix} was tried without ending the failure, with {@code asked}
         * settled: the plan's next stage, before anyone knows the answers of the stage before.
         */
        Situation afterFailing(String fix, Set<String> asked) {
            Set<String> nowFailed = new LinkedHashSet<>(failed);
            nowFailed.add(fix);
            Set<String> nowTried = new LinkedHashSet<>(tried);
            nowTried.add(fix);
            return new Situation(facts, ranking, nowFailed, nowTried, asked, answered);
        }

        /**
         * The situation of a diagnosis: what was tried comes from the facts, and what nobody could
         * tell when asked is settled, as it is for the interview that goes on from them.
         */
        public static Situation of(HostFacts facts, List<CauseAssessment> ranking) {
            return new Situation(facts, ranking, failedSteps(facts), triedSteps(facts), facts.answeredUnknown(), Map.of());
        }

        /** Fixes the facts record as carried out without ending the failure. */
        public static Set<String> failedSteps(HostFacts facts) {
            Set<String> out = new LinkedHashSet<>();
            facts.tried().stream().filter(t -> t.outcome() == org.rdpdiag.facts.TriedOutcome.STILL_FAILS)
                    .forEach(t -> out.add(t.step()));
            return out;
        }

        /** Every step the facts record as tried, whatever came of it. */
        public static Set<String> triedSteps(HostFacts facts) {
            Set<String> out = new LinkedHashSet<>();
            facts.tried().forEach(t -> out.add(t.step()));
            return out;
        }
    }

    /**
     * The troubleshooting sequence as a plan: the observations worth making now, best first, then
     * the fixes in order, then the hand-over.
     *
     * @param expectedCost        the ECR of the sequence, in minutes
     * @param withoutObservations the ECR of the fixes alone
     * @param policies            the policies that withheld steps
     * @param considered          every observation that may save something, best first, worth its cost or
     *                            not (those that surely save nothing are left out unvalued)
     */
    public record Sequence(List<Action> actions, double expectedCost, double withoutObservations,
            List<Policy> policies, List<Action.Observe> considered) {}

    public Sequence sequence(Situation s) {
        return sequence(s, Pruning.WORTHLESS);
    }

    /** @param pruning {@link Pruning#WORTHLESS}, or {@link Pruning#NONE} to show that pruning changes nothing */
    Sequence sequence(Situation s, Pruning pruning) {
        FaultModel state = new FaultModel(s, kb, table);
        List<Action> actions = new ArrayList<>(rereads(s));
        Set<String> excluded = new LinkedHashSet<>(s.settled());
        // The plan cannot know the answers, so every observation keeps the value it has now: they
        // are valued once and taken best first, each check once however many observations it reads.
        List<Action.Observe> considered = new ArrayList<>(valued(state, excluded, pruning));
        considered.sort(BEST_FIRST);
        FaultModel.Repairs repairs = state.repairs(state.mass);
        // As in the interview: what is worth finding out waits for the fix of a confirmed cause.
        double saved = repairFirst(s, repairs.actions().get(0)) ? 0 : takeWorthwhile(considered, excluded, actions);
        // As in the interview: the root of the consequence the first fix repairs is tested before it.
        if (repairs.actions().get(0) instanceof Action.Repair first) {
            Action.Observe root = untestedRoot(state, first, excluded);
            if (root != null) {
                actions.add(root);
                excluded.add(root.question().fact());
                if (root.check() != null) {
                    excluded.addAll(root.check().decides());
                }
            }
        }
        // Stages: after each fix, the situation in which it did not help. While no observation is
        // worth making there, the next fix follows; once one is, the plan lists those observations
        // and the fixes as they stand, and says that the consultation goes on from what they find.
        List<Action> order = repairs.actions();
        Situation at = s;
        double persists = 1;
        for (int stage = 1; ; stage++) {
            if (!(order.get(0) instanceof Action.Repair r) || stage > STAGES) {
                actions.addAll(persisting(order, persists));
                break;
            }
            actions.add(new Action.Repair(r.fix(), r.causes(), r.cost(), r.chance(), persists));
            persists *= 1 - r.chance();
            at = at.afterFailing(r.fix().id(), excluded);
            FaultModel next = new FaultModel(at, kb, table);
            // Only what is worth its cost counts in a later stage, so what surely is not needs no valuation.
            List<Action.Observe> later = new ArrayList<>(valued(next, excluded, pruning == Pruning.NONE ? Pruning.NONE : Pruning.COSTLY));
            later.sort(BEST_FIRST);
            List<Action> stageActions = new ArrayList<>();
            double stageSaved = takeWorthwhile(later, excluded, stageActions);
            order = next.repairs(next.mass).actions();
            if (!stageActions.isEmpty()) {
                actions.add(new Action.Reconsult(r.fix()));
                actions.addAll(stageActions);
                saved += persists * stageSaved;
                actions.addAll(persisting(order, persists));
                break;
            }
        }
        return new Sequence(List.copyOf(actions), Math.max(0, repairs.ecr() - saved), repairs.ecr(), state.policies,
                List.copyOf(considered));
    }

    /**
     * Whether the first fix is tried before anything else is found out: when it repairs a
     * confirmed cause. Such a cause is present on the evidence, so its repair is paid whatever
     * else is wrong; an observation can save only the fixes of other causes, and those come after
     * it anyway. The single-fault comparison of observing with repairing, which would have a check
     * of an unestablished cause first where it saves a minute or two, does not hold for a cause the
     * evidence has established. The stage after the fix values the observations again.
     */
    private static boolean repairFirst(Situation s, Action first) {
        return first instanceof Action.Repair r && r.chance() > 0 && repairsConfirmed(s, r);
    }

    private static boolean repairsConfirmed(Situation s, Action.Repair r) {
        return s.ranking().stream().anyMatch(a -> a.status() == Status.CONFIRMED && !a.conflicting() && r.causes().contains(a.cause()));
    }

    /** How many fixes a plan looks past, valuing at each what would then be worth finding out. */
    static final int STAGES = 3;

    /** Adds the observations worth their cost to {@code actions}, best first, each check once; the net saving of all. */
    private static double takeWorthwhile(List<Action.Observe> valued, Set<String> excluded, List<Action> actions) {
        double saved = 0;
        for (Action.Observe o : valued) {
            if (o.netSaving() <= 0 || excluded.contains(o.question().fact())) {
                continue;
            }
            actions.add(o);
            saved += o.netSaving();
            excluded.add(o.question().fact());
            if (o.check() != null) {
                excluded.addAll(o.check().decides());
            }
        }
        return saved;
    }

    /** The moves of a later stage, with the chance of reaching each counted from the start of the plan. */
    private static List<Action> persisting(List<Action> order, double persists) {
        List<Action> out = new ArrayList<>(order.size());
        for (Action a : order) {
            out.add(a instanceof Action.Repair r ? new Action.Repair(r.fix(), r.causes(), r.cost(), r.chance(), persists * r.reached())
                    : a instanceof Action.HandOver h ? new Action.HandOver(persists * h.reached(), h.minutes()) : a);
        }
        return out;
    }

    /** The observations behind each contradiction, to be read again before anything else. */
    private List<Action> rereads(Situation s) {
        List<Action> out = new ArrayList<>();
        Set<String> checks = new LinkedHashSet<>();
        // Declared contradictions first, each reading of them, in the order the knowledge gives them.
        for (org.rdpdiag.knowledge.Contradiction k : kb.catalog().contradictions()) {
            if (!k.holds(s.facts())) {
                continue;
            }
            // The cause it holds open: contradicted, with strong support from one of its readings.
            Set<String> paths = k.paths();
            String cause = s.ranking().stream().filter(a -> a.conflicting() && a.support().stream()
                            .anyMatch(e -> e.weight().certainty() >= org.rdpdiag.knowledge.Weight.SUGGESTS.certainty()
                                    && e.facts().stream().anyMatch(f -> paths.contains(f.path()))))
                    .map(a -> a.cause().id()).findFirst().orElse(null);
            if (cause == null) {
                continue;
            }
            for (String fact : k.paths()) {
                Question q = questionFor(fact);
                Check check = q == null ? null : checkOf(q);
                if (q != null && check != null && checks.add(check.id())) {
                    out.add(new Action.Reread(q, check, costs.of(q, check), cause));
                }
            }
        }
        for (CauseAssessment a : s.ranking()) {
            if (!a.conflicting()) {
                continue;
            }
            Set<String> facts = new LinkedHashSet<>();
            java.util.stream.Stream.concat(a.support().stream(), a.against().stream())
                    .filter(e -> e.weight().decisive()).forEach(e -> e.facts().forEach(f -> facts.add(f.path())));
            for (String fact : facts) {
                Question q = questionFor(fact);
                Check check = q == null ? null : checkOf(q);
                if (q != null && check != null && checks.add(check.id())) {
                    out.add(new Action.Reread(q, check, costs.of(q, check), a.cause().id()));
                }
            }
        }
        return out;
    }

    /** The next move: the best observation worth making, else the first fix, else the hand-over. */
    public Action next(Situation s) {
        return next(s, Pruning.COSTLY);
    }

    /** @param pruning {@link Pruning#COSTLY}, or {@link Pruning#NONE} to show that pruning changes nothing */
    Action next(Situation s, Pruning pruning) {
        FaultModel state = new FaultModel(s, kb, table);
        Set<String> excluded = new LinkedHashSet<>(s.settled());
        Action first = state.repairs(state.mass).actions().get(0);
        Action.Observe best = repairFirst(s, first) ? null : bestObservation(state, excluded, pruning);
        if (best != null) {
            return best;
        }
        Action.Observe root = first instanceof Action.Repair r ? untestedRoot(state, r, excluded) : null;
        return root != null ? root : first;
    }

    /**
     * Where the first fix repairs an established cause that another cause can bring about
     * ({@code explainedBy}), and no root of it has been tested: the cheapest read-only question
     * whose answer can confirm a root, else null. Repairing only the consequence would leave the
     * root to bring it back, so neither the interview nor the plan stops there. A root counts as
     * tested once a reading speaks for or against it with weight, or once a reading that can
     * confirm one of the roots is known or was asked for: one question, not one per root.
     */
    private Action.Observe untestedRoot(FaultModel state, Action.Repair first, Set<String> excluded) {
        Situation s = state.situation;
        for (Cause consequence : first.causes()) {
            CauseAssessment a = s.ranking().stream().filter(x -> x.cause() == consequence).findFirst().orElse(null);
            if (a == null || a.status() != Status.CONFIRMED && a.status() != Status.LIKELY || consequence.explainedBy().isEmpty()) {
                continue;
            }
            List<CauseAssessment> open = new ArrayList<>();
            Set<String> confirming = new LinkedHashSet<>();
            boolean tested = false;
            for (String rootId : consequence.explainedBy()) {
                CauseAssessment root = s.ranking().stream().filter(x -> x.cause().id().equals(rootId)).findFirst().orElse(null);
                if (root == null) {
                    continue;
                }
                kb.rulesFor(rootId).stream().filter(rule -> "confirms".equals(rule.weight())).forEach(rule -> confirming.addAll(rule.reads()));
                tested |= root.status() != Status.POSSIBLE || root.conflicting()
                        || java.util.stream.Stream.concat(root.support().stream(), root.against().stream())
                                .anyMatch(e -> Math.abs(e.weight().certainty()) >= org.rdpdiag.knowledge.Weight.SUGGESTS.certainty());
                open.add(root);
            }
            tested |= confirming.stream().anyMatch(p -> s.facts().value(p) != null || excluded.contains(p));
            if (tested) {
                continue;
            }
            Action.Observe cheapest = null;
            for (CauseAssessment root : open) {
                for (String path : root.unknown()) {
                    Question q = confirming.contains(path) ? questionFor(path) : null;
                    Check check = q == null ? null : checkOf(q);
                    if (q == null || check != null && check.changesHost() || !open(q, state, excluded)
                            || !Applicability.unknownConditions(q.askWhen(), s.facts()).isEmpty()) {
                        continue;
                    }
                    Action.Observe o = value(state, q, check, state.ecr(state.mass), excluded, Map.of(), Pruning.NONE);
                    if (o != null && o != PRUNED && (cheapest == null || o.cost().total() < cheapest.cost().total())) {
                        cheapest = o;
                    }
                }
            }
            if (cheapest != null) {
                return cheapest.testingRootOf(consequence.id());
            }
        }
        return null;
    }

    /** Every observation that could be made now, valued, best first (for "why?" and the authors' tools). */
    public List<Action.Observe> observations(Situation s) {
        FaultModel state = new FaultModel(s, kb, table);
        List<Action.Observe> out = new ArrayList<>(valued(state, new LinkedHashSet<>(s.settled()), Pruning.NONE));
        out.sort(BEST_FIRST);
        return out;
    }

    /**
     * The fixes of one cause in the order a plan tries them when that cause is certain and every
     * fix applies: by the chance that each ends the failure per minute.
     */
    public List<Fix> fixOrder(Cause cause) {
        record Keyed(Fix fix, double key) {}
        List<Keyed> keyed = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String id : cause.fixes()) {
            Fix f = kb.catalog().fix(id).orElse(null);
            if (f != null && "fix".equals(f.kind()) && seen.add(id)) {
                keyed.add(new Keyed(f, costs.resolves(f) / costs.of(f).total()));
            }
        }
        // Risky fixes after the safer ones; stable: equal chances per minute keep the author's order.
        keyed.sort(Comparator.comparing((Keyed k) -> k.fix().risky()).thenComparingDouble(k -> -k.key()));
        return keyed.stream().map(Keyed::fix).toList();
    }

    /** Each cause's chance of being the fault behind the failure, by id; {@link #NO_KNOWN_CAUSE} for the rest. */
    public Map<String, Double> faultChances(Situation s) {
        FaultModel state = new FaultModel(s, kb, table);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < causes.length; i++) {
            out.put(causes[i].id(), state.mass[i]);
        }
        out.put(NO_KNOWN_CAUSE, state.leakMass);
        return out;
    }

    public static final String NO_KNOWN_CAUSE = "no-known-cause";

    /**
     * How many answers a place is credited with before any question is asked there: the chance of
     * an answer at a place is (answers + this) / (questions asked there + this), so a few "unknown"
     * answers (no access to the host, say) lower it without ruling the place out.
     */
    public static final double PRIOR_ANSWERS = Double.parseDouble(System.getProperty("rdpdiag.prior", "12"));

    /** Stands for an observation left unvalued by {@link Pruning}. */
    private static final Action.Observe PRUNED = new Action.Observe(null, null, new Costs.Cost(0, 0, List.of()), 0, 0,
            List.of(), null, null, null);

    private static final Comparator<Action.Observe> BEST_FIRST = Comparator
            .comparing((Action.Observe o) -> o.check() != null && o.check().changesHost())
            .thenComparing(Comparator.comparingDouble(Action.Observe::savingPerMinute).reversed())
            .thenComparing(o -> o.question().id());

    /**
     * The best observation whose expected saving exceeds its cost, or null. Read-only
     * observations come before any that changes the host, whatever their value: a change is
     * made only once reading has nothing more to offer.
     */
    private Action.Observe bestObservation(FaultModel state, Set<String> excluded, Pruning pruning) {
        Action.Observe best = null;
        for (Action.Observe o : valued(state, excluded, pruning)) {
            if (o.netSaving() > 0 && (best == null || BEST_FIRST.compare(o, best) < 0)) {
                best = o;
            }
        }
        return best;
    }

    private List<Action.Observe> valued(FaultModel state, Set<String> excluded, Pruning pruning) {
        Map<String, Action.Observe> out = new LinkedHashMap<>();
        // The questions left unvalued, by fact: a gate that competes for one's place values it in full.
        Map<String, Question> pruned = new HashMap<>();
        HostFacts facts = state.situation.facts();
        double now = state.ecr(state.mass);
        List<Question> waiting = new ArrayList<>();
        for (Question q : choosable) {
            if (!open(q, state, excluded)) {
                continue;
            }
            if (!Applicability.unknownConditions(q.askWhen(), facts).isEmpty()) {
                waiting.add(q);
                continue;
            }
            Action.Observe o = value(state, q, checkOf(q), now, excluded, Map.of(), pruning);
            if (o == PRUNED) {
                out.remove(q.fact());
                pruned.put(q.fact(), q);
            } else if (o != null) {
                out.put(q.fact(), o);
                pruned.remove(q.fact());
            }
        }
        // A follow-up that waits for an answer nobody has given yet (the certificate recreation
        // test waits for "self-signed") makes that answer's question worth what the follow-up
        // is worth, times the share of its answers that open it, at the cost of both.
        for (Question follow : waiting) {
            Map<String, Object> opened = new java.util.HashMap<>();
            for (String path : Applicability.unknownConditionPaths(follow.askWhen(), facts)) {
                Object wanted = follow.askWhen().get(path);
                opened.put(path, asAnswer(path, wanted instanceof List<?> l ? l.get(0) : wanted));
            }
            // The follow-up's own saving is what the gate is worth: it may be pruned only of nothing to save.
            Action.Observe unlocked = value(state, follow, checkOf(follow), now, excluded, opened,
                    pruning == Pruning.NONE ? Pruning.NONE : Pruning.WORTHLESS);
            if (unlocked == null || unlocked == PRUNED || unlocked.saving() <= 0) {
                continue;
            }
            for (var condition : follow.askWhen().entrySet()) {
                Question gate = questionFor(condition.getKey());
                if (gate == null || facts.value(gate.fact()) != null || !open(gate, state, excluded)
                        || !Applicability.unknownConditions(gate.askWhen(), facts).isEmpty()) {
                    continue;
                }
                long[] share = openingShare(gate, condition.getValue());
                long opening = share[0];
                int offered = (int) share[1];
                if (offered == 0 || opening == 0) {
                    continue;
                }
                Check gateCheck = checkOf(gate);
                Costs.Cost own = costs.of(gate, gateCheck);
                Costs.Cost both = new Costs.Cost(own.minutes() + unlocked.cost().minutes(),
                        own.disruption() + unlocked.cost().disruption(), unlocked.cost().disruptedBy());
                Action.Observe viaGate = new Action.Observe(gate, gateCheck, both,
                        unlocked.saving() * opening / offered, unlocked.answerChance(), List.of(), follow, null, null);
                Question unvalued = pruned.remove(gate.fact());
                if (unvalued != null) {
                    Action.Observe full = value(state, unvalued, checkOf(unvalued), now, excluded, Map.of(), Pruning.NONE);
                    if (full != null) {
                        out.put(gate.fact(), full);
                    }
                }
                out.merge(gate.fact(), viaGate, (a, b) -> a.savingPerMinute() >= b.savingPerMinute() ? a : b);
            }
        }
        return List.copyOf(out.values());
    }

    /** One offered value as the observation holds it: a list observation holds a list of its items. */
    private Object asAnswer(String path, Object value) {
        boolean listed = kb.vocabulary().field(path).map(f -> "integer-list".equals(f.kind())).orElse(false);
        return listed ? List.of(value) : value;
    }

    /** How many of a gate's offered answers open a follow-up that waits for {@code wanted}, and how many it offers. */
    private final Map<List<Object>, long[]> openingShares = new java.util.concurrent.ConcurrentHashMap<>();

    private long[] openingShare(Question gate, Object wanted) {
        // The same for every host: worked out once, as it builds facts for every answer offered.
        return openingShares.computeIfAbsent(Arrays.asList(gate.id(), wanted), k -> {
            List<Option> options = Options.offered(gate, kb.vocabulary().field(gate.fact()).orElseThrow());
            long opening = options.stream().filter(o -> Applicability.fits(Map.of(gate.fact(), wanted),
                    HostFacts.of(kb.vocabulary(), "gate", Map.of(gate.fact(), asAnswer(gate.fact(), o.value()))))).count();
            return new long[] {opening, options.size()};
        });
    }

    /** Whether a question may be asked at all now: unanswered, its conditions not known to fail, its check allowed. */
    private boolean open(Question q, FaultModel state, Set<String> excluded) {
        HostFacts facts = state.situation.facts();
        if (excluded.contains(q.fact()) || facts.value(q.fact()) != null
                || !Applicability.fits(q.askWhen(), facts) || !state.anyOpenReads(q.fact()) && !opensSomething(q)) {
            return false;
        }
        Check check = checkOf(q);
        return check == null || (Applicability.fits(check.appliesWhen(), facts) && !state.withheld(check));
    }

    private boolean opensSomething(Question gate) {
        return gates.contains(gate.fact());
    }

    private Check checkOf(Question q) {
        Check known = checkOfQuestion.get(q);
        return known != null || checkOfQuestion.containsKey(q) ? known : lookUpCheck(q);
    }

    private Check lookUpCheck(Question q) {
        return q.check() == null ? null : kb.catalog().check(q.check()).orElse(null);
    }

    private Question questionFor(String fact) {
        return questionOfFact.get(fact);
    }

    /**
     * @param assumed observations assumed on top of the host's when the answers are foreseen: for a
     *                follow-up, the answer that opens it (the RDS role, say), without which its rules
     *                cannot fire
     */
    private Action.Observe value(FaultModel state, Question q, Check check, double ecrNow, Set<String> excluded,
            Map<String, Object> assumed, Pruning pruning) {
        Action.Observe alone = value(state, q, check, ecrNow, effects.of(q, state.situation.facts(), assumed), null, pruning,
                Double.NEGATIVE_INFINITY);
        if (alone != null) {
            return alone;
        }
        // A rule that needs two observations together gives neither a value on its own (a patched
        // host that forces updated clients, and an unpatched client): look one step further, at the
        // question asked together with a partner read by the same rule, at the cost of both.
        Action.Observe best = alone;
        boolean anyPruned = false;
        HostFacts facts = state.situation.facts();
        for (String partnerFact : kb.factsReadWith(q.fact())) {
            Question partner = questionFor(partnerFact);
            // A partner waiting for the same answer as this question (both follow the RDS role) counts:
            // the gate that opens one opens the other.
            if (partner == null || !open(partner, state, excluded)
                    || !q.askWhen().keySet().containsAll(Applicability.unknownConditionPaths(partner.askWhen(), facts))) {
                continue;
            }
            // Only the best pair counts: one that surely saves nothing, or surely less per minute than
            // the best so far, is left unvalued (not one that saves less than it costs: it may still be the best).
            double toBeat = best == null || pruning == Pruning.NONE ? Double.NEGATIVE_INFINITY : best.savingPerMinute();
            Action.Observe pair = value(state, q, check, ecrNow, effects.of(q, partner, facts, assumed), partner,
                    pruning == Pruning.NONE ? Pruning.NONE : Pruning.WORTHLESS, toBeat);
            if (pair == PRUNED) {
                anyPruned = true;
            } else if (pair != null && (best == null || pair.savingPerMinute() > best.savingPerMinute())) {
                best = pair;
            }
        }
        // When the best pair valued saves nothing either, a pruned one might have been the best:
        // which it is matters as little, and the caller values it in full if it needs to know.
        return anyPruned && (best == null || !(best.saving() > 0)) ? PRUNED : best;
    }

    private Action.Observe value(FaultModel state, Question q, Check check, double ecrNow, List<AnswerEffects.Effect> answers,
            Question partner, Pruning pruning, double toBeat) {
        // The causes that some answer moves, in the order they are first moved, and each one's
        // presence after each answer.
        int[] rowOf = new int[causes.length];
        Arrays.fill(rowOf, -1);
        int[] movedInOrder = new int[causes.length];
        double[][] rows = new double[causes.length][];
        int count = 0;
        for (int a = 0; a < answers.size(); a++) {
            for (var e : state.presenceAfter(answers.get(a).deltas()).entrySet()) {
                int c = e.getKey();
                double p = e.getValue();
                if (Math.abs(p - state.presence[c]) > 1e-9) {
                    if (rowOf[c] < 0) {
                        rowOf[c] = count;
                        movedInOrder[count] = c;
                        rows[count] = new double[answers.size()];
                        Arrays.fill(rows[count], state.presence[c]);
                        count++;
                    }
                    rows[rowOf[c]][a] = p;
                }
            }
        }
        if (count == 0) {
            return null;
        }
        int[] moved = Arrays.copyOf(movedInOrder, count);
        // Each answer's chances of being the fault, for the moved causes and for all the rest
        // together (the causes nobody moves, and the unknown one, share one normalisation).
        double[] before = new double[moved.length + 1];
        double[][] byAnswer = new double[answers.size()][moved.length + 1];
        double[][] masses = new double[answers.size()][];
        double[] ecrs = new double[answers.size()];
        for (int a = 0; a < answers.size(); a++) {
            FaultModel.Foreseen foreseen = state.foresee(moved, rows, a);
            masses[a] = foreseen.mass();
            ecrs[a] = foreseen.ecr();
            double rest = 1;
            for (int k = 0; k < moved.length; k++) {
                byAnswer[a][k] = masses[a][moved[k]];
                rest -= masses[a][moved[k]];
            }
            byAnswer[a][moved.length] = rest;
        }
        double rest = 1;
        for (int k = 0; k < moved.length; k++) {
            before[k] = state.mass[moved[k]];
            rest -= before[k];
        }
        before[moved.length] = rest;
        String place = check == null ? "client" : check.runsOn().word();
        int[] record = state.situation.answered().getOrDefault(place, new int[2]);
        double chance = (record[0] + PRIOR_ANSWERS) / (record[0] + record[1] + PRIOR_ANSWERS);
        Costs.Cost cost = costs.of(q, check);
        if (partner != null) {
            Costs.Cost other = costs.of(partner, checkOf(partner));
            cost = new Costs.Cost(cost.minutes() + other.minutes(), cost.disruption() + other.disruption(), cost.disruptedBy());
        }
        if (pruning.leavesOut(ecrNow, ecrs, chance, cost.total(), toBeat)) {
            return PRUNED;
        }
        // The odds keep the chances where they are on average: the answers must not be expected
        // to move them, or asking would look worth more (or less) than it is.
        double[] odds = AnswerOdds.of(before, byAnswer);
        double expected = 0;
        List<Outcome> outcomes = new ArrayList<>();
        for (int a = 0; a < answers.size(); a++) {
            double[] mass = masses[a];
            double ecr = ecrs[a];
            expected += odds[a] * ecr;
            List<Outcome.Shift> shifts = new ArrayList<>();
            for (int c : moved) {
                if (Math.abs(mass[c] - state.mass[c]) >= 0.005) {
                    shifts.add(new Outcome.Shift(causes[c].id(), state.mass[c], mass[c]));
                }
            }
            outcomes.add(new Outcome(answers.get(a).answer(), odds[a], ecr, List.copyOf(shifts)));
        }
        double saving = chance * (ecrNow - expected);
        return new Action.Observe(q, check, cost, saving, chance, List.copyOf(outcomes), null, partner, null);
    }
}
