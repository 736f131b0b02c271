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
import org.rdpdiag.engine.Certainty;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactPaths;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.Applicability;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.Costs;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.Policy;
import org.rdpdiag.knowledge.Question;
import org.rdpdiag.knowledge.Weight;

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
 * <p>Thread-safe: one per knowledge base.
 */
public final class Strategy {
    private final KnowledgeBase kb;
    private final Costs costs;
    private final Cause[] causes;
    private final Map<String, Integer> causeAt = new HashMap<>();
    private final AnswerEffects effects;
    /** Questions the strategy may choose, in catalogue order (the codes are asked before, not chosen). */
    private final List<Question> choosable;

    public Strategy(KnowledgeBase kb) {
        this(kb, true);
    }

    /** @param preload whether to take over the answer effects the jar carries (see {@link #BUNDLED_EFFECTS}) */
    Strategy(KnowledgeBase kb, boolean preload) {
        this.kb = kb;
        this.costs = kb.catalog().costs();
        this.causes = kb.catalog().causes().toArray(new Cause[0]);
        for (int i = 0; i < causes.length; i++) {
            causeAt.put(causes[i].id(), i);
        }
        this.effects = new AnswerEffects(kb);
        this.choosable = kb.catalog().questions().stream().filter(q -> !q.askFirst()).toList();
        this.preloaded = preload && preloadBundledEffects();
    }

    /** Whether answer effects learnt at build time were taken over. */
    private final boolean preloaded;

    boolean preloaded() {
        return preloaded;
    }

    /** Where the jar carries the answer effects learnt from the bundled rules at build time. */
    public static final String BUNDLED_EFFECTS = "rdpdiag/compiled/answer-effects.json";

    private static final tools.jackson.databind.ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /**
     * Takes over the answer effects learnt at build time, when they were learnt from these rules:
     * a cold start then runs no rule session to foresee the answers it has seen before. Anything
     * unreadable is ignored; the effects are then learnt as they are needed, as for any other rules.
     */
    private boolean preloadBundledEffects() {
        try (java.io.InputStream in = Strategy.class.getClassLoader().getResourceAsStream(BUNDLED_EFFECTS)) {
            return in != null && effects.preload(JSON.readValue(in, AnswerEffects.Snapshot.class));
        } catch (java.io.IOException | RuntimeException e) {
            // Learnt again when needed: slower, never wrong.
            return false;
        }
    }

    /** The answer effects learnt so far, as JSON for the jar (see {@link #BUNDLED_EFFECTS}). */
    public String learntEffects() {
        return JSON.writeValueAsString(effects.snapshot());
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

        /** The situation of a diagnosis: what was tried comes from the facts. */
        public static Situation of(HostFacts facts, List<CauseAssessment> ranking) {
            return of(facts, ranking, failedSteps(facts), triedSteps(facts));
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
     * @param considered          every observation valued, best first, worth its cost or not
     */
    public record Sequence(List<Action> actions, double expectedCost, double withoutObservations,
            List<Policy> policies, List<Action.Observe> considered) {}

    public Sequence sequence(Situation s) {
        State state = new State(s);
        List<Action> actions = new ArrayList<>(rereads(s));
        Set<String> excluded = new LinkedHashSet<>(s.settled());
        // The plan cannot know the answers, so every observation keeps the value it has now: they
        // are valued once and taken best first, each check once however many observations it reads.
        List<Action.Observe> considered = new ArrayList<>(valued(state, excluded));
        considered.sort(BEST_FIRST);
        double saved = 0;
        for (Action.Observe o : considered) {
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
        Repairs repairs = state.repairs(state.mass);
        actions.addAll(repairs.actions());
        return new Sequence(List.copyOf(actions), Math.max(0, repairs.ecr() - saved), repairs.ecr(), state.policies,
                List.copyOf(considered));
    }

    /** The observations behind each contradiction, to be read again before anything else. */
    private List<Action> rereads(Situation s) {
        List<Action> out = new ArrayList<>();
        Set<String> checks = new LinkedHashSet<>();
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
        State state = new State(s);
        Action.Observe best = bestObservation(state, new LinkedHashSet<>(s.settled()));
        return best != null ? best : state.repairs(state.mass).actions().get(0);
    }

    /** Every observation that could be made now, valued, best first (for "why?" and the authors' tools). */
    public List<Action.Observe> observations(Situation s) {
        State state = new State(s);
        List<Action.Observe> out = new ArrayList<>(valued(state, new LinkedHashSet<>(s.settled())));
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
        State state = new State(s);
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
    public static final double PRIOR_ANSWERS = 12;

    private static final Comparator<Action.Observe> BEST_FIRST = Comparator
            .comparing((Action.Observe o) -> o.check() != null && o.check().changesHost())
            .thenComparing(Comparator.comparingDouble(Action.Observe::savingPerMinute).reversed())
            .thenComparing(o -> o.question().id());

    /**
     * The best observation whose expected saving exceeds its cost, or null. Read-only
     * observations come before any that changes the host, whatever their value: a change is
     * made only once reading has nothing more to offer.
     */
    private Action.Observe bestObservation(State state, Set<String> excluded) {
        Action.Observe best = null;
        for (Action.Observe o : valued(state, excluded)) {
            if (o.netSaving() > 0 && (best == null || BEST_FIRST.compare(o, best) < 0)) {
                best = o;
            }
        }
        return best;
    }

    private List<Action.Observe> valued(State state, Set<String> excluded) {
        Map<String, Action.Observe> out = new LinkedHashMap<>();
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
            Action.Observe o = value(state, q, checkOf(q), now, excluded);
            if (o != null) {
                out.put(q.fact(), o);
            }
        }
        // A follow-up that waits for an answer nobody has given yet (the certificate recreation
        // test waits for "self-signed") makes that answer's question worth what the follow-up
        // is worth, times the share of its answers that open it, at the cost of both.
        for (Question follow : waiting) {
            Map<String, Object> opened = new java.util.HashMap<>();
            for (String path : Applicability.unknownConditionPaths(follow.askWhen(), facts)) {
                Object wanted = follow.askWhen().get(path);
                opened.put(path, wanted instanceof List<?> l ? l.get(0) : wanted);
            }
            Action.Observe unlocked = value(state, follow, checkOf(follow), now, excluded, opened);
            if (unlocked == null || unlocked.saving() <= 0) {
                continue;
            }
            for (var condition : follow.askWhen().entrySet()) {
                Question gate = questionFor(condition.getKey());
                if (gate == null || FactPaths.valueOf(facts, gate.fact()) != null || !open(gate, state, excluded)
                        || !Applicability.unknownConditions(gate.askWhen(), facts).isEmpty()) {
                    continue;
                }
                List<Option> options = Options.offered(gate, org.rdpdiag.facts.FactField.of(gate.fact()).orElseThrow());
                long opening = options.stream().filter(o -> Applicability.fits(Map.of(gate.fact(), condition.getValue()),
                        org.rdpdiag.facts.FactValues.toFacts("gate", Map.of(gate.fact(), o.value())))).count();
                if (options.isEmpty() || opening == 0) {
                    continue;
                }
                Check gateCheck = checkOf(gate);
                Costs.Cost own = costs.of(gate, gateCheck);
                Costs.Cost both = new Costs.Cost(own.minutes() + unlocked.cost().minutes(),
                        own.disruption() + unlocked.cost().disruption(), unlocked.cost().disruptedBy());
                Action.Observe viaGate = new Action.Observe(gate, gateCheck, both,
                        unlocked.saving() * opening / options.size(), unlocked.answerChance(), List.of(), follow, null);
                out.merge(gate.fact(), viaGate, (a, b) -> a.savingPerMinute() >= b.savingPerMinute() ? a : b);
            }
        }
        return List.copyOf(out.values());
    }

    /** Whether a question may be asked at all now: unanswered, its conditions not known to fail, its check allowed. */
    private boolean open(Question q, State state, Set<String> excluded) {
        HostFacts facts = state.situation.facts();
        if (excluded.contains(q.fact()) || FactPaths.valueOf(facts, q.fact()) != null
                || !Applicability.fits(q.askWhen(), facts) || !state.anyOpenReads(q.fact()) && !opensSomething(q)) {
            return false;
        }
        Check check = checkOf(q);
        return check == null || (Applicability.fits(check.appliesWhen(), facts) && !state.withheld(check));
    }

    private boolean opensSomething(Question gate) {
        return choosable.stream().anyMatch(q -> q.askWhen().containsKey(gate.fact()));
    }

    private Check checkOf(Question q) {
        return q.check() == null ? null : kb.catalog().check(q.check()).orElse(null);
    }

    private Question questionFor(String fact) {
        for (Question q : choosable) {
            if (q.fact().equals(fact)) {
                return q;
            }
        }
        return null;
    }

    /** What finding out one observation is worth: every possible answer foreseen. Null when none moves a cause. */
    private Action.Observe value(State state, Question q, Check check, double ecrNow, Set<String> excluded) {
        return value(state, q, check, ecrNow, excluded, Map.of());
    }

    /**
     * @param assumed observations assumed on top of the host's when the answers are foreseen: for a
     *                follow-up, the answer that opens it (the RDS role, say), without which its rules
     *                cannot fire
     */
    private Action.Observe value(State state, Question q, Check check, double ecrNow, Set<String> excluded,
            Map<String, Object> assumed) {
        Action.Observe alone = value(state, q, check, ecrNow, effects.of(q, state.situation.facts(), assumed), null);
        if (alone != null) {
            return alone;
        }
        // A rule that needs two observations together gives neither a value on its own (a patched
        // host that forces updated clients, and an unpatched client): look one step further, at the
        // question asked together with a partner read by the same rule, at the cost of both.
        Action.Observe best = alone;
        HostFacts facts = state.situation.facts();
        for (String partnerFact : kb.factsReadWith(q.fact())) {
            Question partner = questionFor(partnerFact);
            // A partner waiting for the same answer as this question (both follow the RDS role) counts:
            // the gate that opens one opens the other.
            if (partner == null || !open(partner, state, excluded)
                    || !q.askWhen().keySet().containsAll(Applicability.unknownConditionPaths(partner.askWhen(), facts))) {
                continue;
            }
            Action.Observe pair = value(state, q, check, ecrNow, effects.of(q, partner, facts, assumed), partner);
            if (pair != null && (best == null || pair.savingPerMinute() > best.savingPerMinute())) {
                best = pair;
            }
        }
        return best;
    }

    private Action.Observe value(State state, Question q, Check check, double ecrNow, List<AnswerEffects.Effect> answers,
            Question partner) {
        // The causes that some answer moves, and each one's presence after each answer.
        Map<Integer, double[]> after = new LinkedHashMap<>();
        for (int a = 0; a < answers.size(); a++) {
            Map<Integer, Map<String, Weight>> changed = state.apply(answers.get(a).deltas());
            for (var e : changed.entrySet()) {
                int c = e.getKey();
                double p = presence(causes[c], e.getValue());
                if (Math.abs(p - state.presence[c]) > 1e-9) {
                    after.computeIfAbsent(c, k -> {
                        double[] row = new double[answers.size()];
                        Arrays.fill(row, state.presence[k]);
                        return row;
                    })[a] = p;
                }
            }
        }
        if (after.isEmpty()) {
            return null;
        }
        int[] moved = after.keySet().stream().mapToInt(Integer::intValue).toArray();
        // Each answer's chances of being the fault, for the moved causes and for all the rest
        // together (the causes nobody moves, and the unknown one, share one normalisation).
        double[] before = new double[moved.length + 1];
        double[][] byAnswer = new double[answers.size()][moved.length + 1];
        double[][] masses = new double[answers.size()][];
        for (int a = 0; a < answers.size(); a++) {
            double[] weight = state.weight.clone();
            for (int k = 0; k < moved.length; k++) {
                weight[moved[k]] = state.weightOf(moved[k], after.get(moved[k])[a]);
            }
            masses[a] = state.normalise(weight);
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
        // The odds keep the chances where they are on average: the answers must not be expected
        // to move them, or asking would look worth more (or less) than it is.
        double[] odds = AnswerOdds.of(before, byAnswer);
        double expected = 0;
        List<Outcome> outcomes = new ArrayList<>();
        for (int a = 0; a < answers.size(); a++) {
            double[] mass = masses[a];
            double ecr = state.ecr(mass);
            expected += odds[a] * ecr;
            List<Outcome.Shift> shifts = new ArrayList<>();
            for (int c : moved) {
                if (Math.abs(mass[c] - state.mass[c]) >= 0.005) {
                    shifts.add(new Outcome.Shift(causes[c].id(), state.mass[c], mass[c]));
                }
            }
            outcomes.add(new Outcome(answers.get(a).answer(), odds[a], ecr, List.copyOf(shifts)));
        }
        String place = check == null ? "client" : check.runsOn();
        int[] record = state.situation.answered().getOrDefault(place, new int[2]);
        double chance = (record[0] + PRIOR_ANSWERS) / (record[0] + record[1] + PRIOR_ANSWERS);
        double saving = chance * (ecrNow - expected);
        Costs.Cost cost = costs.of(q, check);
        if (partner != null) {
            Costs.Cost other = costs.of(partner, checkOf(partner));
            cost = new Costs.Cost(cost.minutes() + other.minutes(), cost.disruption() + other.disruption(), cost.disruptedBy());
        }
        return new Action.Observe(q, check, cost, saving, chance, List.copyOf(outcomes), null, partner);
    }

    /** A cause's presence from the rules that spoke about it, as the assessment combines them. */
    static double presence(Cause cause, Map<String, Weight> evidence) {
        boolean confirms = false;
        boolean rulesOut = false;
        List<Map.Entry<String, Weight>> items = new ArrayList<>(evidence.entrySet());
        // The assessment combines the strongest first, then by rule name; so does this.
        items.sort(Comparator.comparingDouble((Map.Entry<String, Weight> e) -> -Math.abs(e.getValue().certainty()))
                .thenComparing(Map.Entry::getKey));
        double cf = 0;
        for (var e : items) {
            Weight w = e.getValue();
            confirms |= w == Weight.CONFIRMS;
            rulesOut |= w == Weight.RULES_OUT;
            cf = Certainty.combine(cf, w.certainty());
        }
        return Certainty.presence(cause, confirms, rulesOut, cf);
    }

    /** The fixes in the order they are tried, with the ECR of trying them and then handing on. */
    record Repairs(List<Action> actions, double ecr) {}

    /** One fix that may be tried, with the causes it repairs (by index). */
    private record Option_(Fix fix, int[] causes, double resolves, Costs.Cost cost) {
        double total() {
            return cost.total();
        }
    }

    /** Everything derived from one situation. */
    private final class State {
        final Situation situation;
        final Map<String, Weight>[] evidence;
        final double[] presence;
        final double[] weight;
        final double[] mass;
        final double leakMass;
        final List<Policy> policies;
        final List<Option_> options = new ArrayList<>();
        /** Per cause, its fix options in its order of preference. */
        final int[][] fixesOf;
        /** Per cause, the chance that it survives the fixes already tried without success. */
        final double[] survives;

        @SuppressWarnings("unchecked")
        State(Situation s) {
            this.situation = s;
            this.policies = kb.catalog().policies().stream().filter(p -> p.holds(s.facts())).toList();
            Map<String, Map<String, Weight>> known = AnswerEffects.evidence(s.ranking());
            evidence = new Map[causes.length];
            presence = new double[causes.length];
            survives = new double[causes.length];
            Arrays.fill(survives, 1);
            for (String id : s.failed()) {
                kb.catalog().fix(id).ifPresent(f -> {
                    for (Cause c : causes) {
                        if (c.fixes().contains(id)) {
                            survives[causeAt.get(c.id())] *= 1 - costs.resolves(f);
                        }
                    }
                });
            }
            Map<String, CauseAssessment> assessed = new HashMap<>();
            s.ranking().forEach(a -> assessed.put(a.cause().id(), a));
            Set<String> contradicted = new java.util.HashSet<>();
            s.ranking().stream().filter(CauseAssessment::conflicting).forEach(a -> contradicted.add(a.cause().id()));
            weight = new double[causes.length];
            for (int i = 0; i < causes.length; i++) {
                evidence[i] = known.getOrDefault(causes[i].id(), Map.of());
                CauseAssessment a = assessed.get(causes[i].id());
                // A settled verdict stands as the assessment gave it; an open one is recomputed from
                // its evidence, as every foreseen answer is, so that the two compare exactly.
                presence[i] = a == null ? 0.001 : a.conflicting() ? 0.5 : a.status() == Status.CONFIRMED ? 0.99
                        : a.status() == Status.RULED_OUT ? 0.001 : presence(causes[i], evidence[i]);
                // A cause the ranking does not list is no candidate.
                weight[i] = a == null || a.status() == Status.RULED_OUT ? 0 : weightOf(i, presence[i]);
            }
            mass = normalise(weight);
            double total = 0;
            for (double m : mass) {
                total += m;
            }
            leakMass = Math.max(0, 1 - total);
            Map<String, Integer> optionAt = new HashMap<>();
            List<List<Integer>> perCause = new ArrayList<>();
            for (int i = 0; i < causes.length; i++) {
                List<Integer> mine = new ArrayList<>();
                perCause.add(mine);
                // A contradiction is resolved before anything is fixed on its strength: a contradicted
                // cause keeps its weight, so nothing else looks surer than it is, but offers no fix.
                if (weight[i] <= 0 || contradicted.contains(causes[i].id())) {
                    continue;
                }
                for (String id : causes[i].fixes()) {
                    Fix f = kb.catalog().fix(id).orElse(null);
                    if (f == null || !"fix".equals(f.kind()) || s.tried().contains(id)
                            || !Applicability.fits(f.appliesWhen(), s.facts()) || withheld(f)) {
                        continue;
                    }
                    Integer at = optionAt.get(id);
                    if (at == null) {
                        at = options.size();
                        optionAt.put(id, at);
                        options.add(new Option_(f, new int[] {i}, costs.resolves(f), costs.of(f)));
                    } else {
                        Option_ o = options.get(at);
                        int[] more = Arrays.copyOf(o.causes(), o.causes().length + 1);
                        more[more.length - 1] = i;
                        options.set(at, new Option_(o.fix(), more, o.resolves(), o.cost()));
                    }
                    if (!mine.contains(at)) {
                        mine.add(at);
                    }
                }
            }
            fixesOf = new int[causes.length][];
            for (int i = 0; i < causes.length; i++) {
                // A cause's fixes are tried by their own chance per minute; a later one only counts
                // for what the earlier ones leave.
                // A fix that lowers security or risks damage comes after every safer one for the same
                // cause, whatever its figures: that is a rule of conduct, not a matter of cost.
                fixesOf[i] = perCause.get(i).stream().sorted(Comparator.comparing((Integer o) -> options.get(o).fix().risky())
                        .thenComparingDouble(o -> -options.get(o).resolves() / options.get(o).cost().total()))
                        .mapToInt(Integer::intValue).toArray();
            }
        }

        boolean withheld(Fix f) {
            return policies.stream().anyMatch(p -> p.withholds(f));
        }

        boolean withheld(Check c) {
            return policies.stream().anyMatch(p -> p.withholds(c));
        }

        /** Whether some cause that may still be the fault reads the observation. */
        boolean anyOpenReads(String fact) {
            for (String id : kb.causesReading(fact)) {
                Integer i = causeAt.get(id);
                if (i != null && mass[i] > 1e-4) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A cause's weight as a candidate fault: the odds of its presence, times how well it explains
         * the failure. A circumstance (a recent upgrade) is no fault by itself: established, it
         * weighs no more than how well it explains the failure, so the faults it makes likely
         * keep their place.
         */
        double weightOf(int i, double presence) {
            double odds = causes[i].isContext() ? presence : presence / (1 - presence);
            return odds * causes[i].explains() * survives[i];
        }

        double[] normalise(double[] weights) {
            double total = costs.noKnownCause();
            for (double w : weights) {
                total += w;
            }
            double[] out = new double[weights.length];
            for (int i = 0; i < weights.length; i++) {
                out[i] = weights[i] / total;
            }
            return out;
        }

        /** The rules of the causes an answer changes, as they would stand after it. */
        Map<Integer, Map<String, Weight>> apply(List<AnswerEffects.Delta> deltas) {
            Map<Integer, Map<String, Weight>> out = new HashMap<>();
            for (AnswerEffects.Delta d : deltas) {
                Map<String, Weight> current = evidence[d.cause()];
                boolean has = current.containsKey(d.rule());
                if (d.added() == has) {
                    continue;
                }
                Map<String, Weight> changed = out.computeIfAbsent(d.cause(), k -> new HashMap<>(evidence[k]));
                if (d.added()) {
                    changed.put(d.rule(), d.weight());
                } else {
                    changed.remove(d.rule());
                }
            }
            return out;
        }

        /**
         * The fixes in order and their ECR for given fault chances. Each fix's place comes from
         * the chance that it ends the failure per minute, a cause's later fixes counting only
         * the part its earlier fixes leave; a fix less worth than handing on is left out.
         */
        /**
         * The ECR of the fixes in order and then the hand-over, as {@link #repairs} computes it, without
         * building the steps: a plan values every observation by this, once per possible answer.
         */
        double ecr(double[] m) {
            int n = options.size();
            double[] key = keys(m);
            int[] order = new int[n];
            int count = 0;
            for (int o = 0; o < n; o++) {
                if (key[o] <= 0) {
                    continue;
                }
                // Insertion by key, highest first; ties by the fix's id, as in repairs().
                int at = count++;
                while (at > 0 && (key[order[at - 1]] < key[o] || (key[order[at - 1]] == key[o]
                        && options.get(order[at - 1]).fix().id().compareTo(options.get(o).fix().id()) > 0))) {
                    order[at] = order[at - 1];
                    at--;
                }
                order[at] = o;
            }
            double[] left = m.clone();
            double failing = 1;
            double ecr = 0;
            double escalation = costs.escalation();
            for (int k = 0; k < count; k++) {
                Option_ opt = options.get(order[k]);
                double ends = 0;
                for (int i : opt.causes()) {
                    ends += left[i] * opt.resolves();
                }
                double total = opt.total();
                if (failing <= 0 || ends / failing * escalation <= total) {
                    continue;
                }
                ecr += failing * total;
                for (int i : opt.causes()) {
                    left[i] *= 1 - opt.resolves();
                }
                failing -= ends;
            }
            return ecr + Math.max(0, failing) * escalation;
        }

        /** Each fix's place in the order: its chance of ending the failure per minute, by the fault chances. */
        private double[] keys(double[] m) {
            int n = options.size();
            double[] key = new double[n];
            for (int i = 0; i < m.length; i++) {
                if (m[i] <= 0) {
                    continue;
                }
                double left = m[i];
                for (int o : fixesOf[i]) {
                    Option_ opt = options.get(o);
                    key[o] += left * opt.resolves() / opt.cost().total();
                    left *= 1 - opt.resolves();
                }
            }
            // Keep each cause's risky fixes behind its safer ones in the plan's order as well.
            for (int i = 0; i < m.length; i++) {
                double safest = Double.MAX_VALUE;
                for (int o : fixesOf[i]) {
                    if (!options.get(o).fix().risky()) {
                        safest = Math.min(safest, key[o]);
                    }
                }
                for (int o : fixesOf[i]) {
                    if (options.get(o).fix().risky() && key[o] >= safest) {
                        key[o] = Math.nextDown(safest);
                    }
                }
            }
            return key;
        }

        Repairs repairs(double[] m) {
            int n = options.size();
            double[] key = keys(m);
            Integer[] order = new Integer[n];
            for (int o = 0; o < n; o++) {
                order[o] = o;
            }
            Arrays.sort(order, (a, b) -> {
                int c = Double.compare(key[b], key[a]);
                return c != 0 ? c : options.get(a).fix().id().compareTo(options.get(b).fix().id());
            });
            double[] left = m.clone();
            double failing = 1;
            double ecr = 0;
            double escalation = costs.escalation();
            List<Action> actions = new ArrayList<>();
            for (Integer o : order) {
                if (key[o] <= 0) {
                    break;
                }
                Option_ opt = options.get(o);
                double ends = 0;
                for (int i : opt.causes()) {
                    ends += left[i] * opt.resolves();
                }
                double total = opt.cost().total();
                if (failing <= 0 || ends / failing * escalation <= total) {
                    continue;
                }
                ecr += failing * total;
                List<Cause> served = new ArrayList<>();
                int[] byChance = Arrays.stream(opt.causes()).boxed()
                        .sorted(Comparator.comparingDouble((Integer i) -> -left[i])).mapToInt(Integer::intValue).toArray();
                for (int i : byChance) {
                    served.add(causes[i]);
                }
                actions.add(new Action.Repair(opt.fix(), List.copyOf(served), opt.cost(), ends / failing, failing));
                for (int i : opt.causes()) {
                    left[i] *= 1 - opt.resolves();
                }
                failing -= ends;
            }
            ecr += Math.max(0, failing) * escalation;
            actions.add(new Action.HandOver(Math.max(0, failing), escalation));
            return new Repairs(actions, ecr);
        }
    }
}
