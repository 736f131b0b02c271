package org.rdpdiag.interview;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Engine;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactField;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.Applicability;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.Question;

/**
 * One consultation. Answers are kept as an ordered list on top of the facts it started from;
 * every view (ranking, next question, report) is recomputed from them, so taking an answer back
 * withdraws everything that was concluded from it, exactly as the rule engine's truth
 * maintenance does within a session. Not thread-safe: one interview per person.
 *
 * <p>The next question is the one whose answer is expected to tell the most about the causes,
 * per unit of effort. Each possible answer is simulated by running the rules on the facts as they
 * would then be; what an answer tells is how far it moves the belief that each cause is present,
 * measured as the Kullback-Leibler divergence of the new belief from the current one, summed over
 * causes. Each answer is weighted by how likely it is given the current beliefs ({@link
 * AnswerOdds}), so the expectation is the mutual information between the answer and the causes:
 * the expected reduction of uncertainty. (Unlike a difference of entropies, the divergence never
 * turns negative when an answer makes an unlikely cause plausible.)
 */
public final class Interview {
    /** Values below this count as "the answer changes nothing". */
    static final double NO_VALUE = 1e-6;
    /**
     * By default every question that could still move a cause is worth asking; a positive floor
     * (bits, after the discount for the chance of an answer) trades completeness for brevity.
     */
    public static final double DEFAULT_MIN_WORTH = 0;

    private final KnowledgeBase kb;
    private final DiagnoseService service;
    private final Engine engine;
    private final String id;
    private final Map<String, Object> given;
    private final List<Answer> answers = new ArrayList<>();
    private final double minWorth;

    public Interview(DiagnoseService service, HostFacts start) {
        this(service, start, DEFAULT_MIN_WORTH);
    }

    /** An interview that skips questions expected to tell less than {@code minWorth} bits. */
    public Interview(DiagnoseService service, HostFacts start, double minWorth) {
        this.minWorth = minWorth;
        this.service = service;
        this.kb = service.knowledgeBase();
        this.engine = new Engine(kb);
        this.id = start.id() == null ? "interview" : start.id();
        this.given = FactValues.of(start);
    }

    /** What is known now: the starting facts plus every answer that was not "unknown". */
    public Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>(given);
        answers.stream().filter(a -> !a.unknown()).forEach(a -> v.put(a.fact(), a.value()));
        return v;
    }

    public HostFacts facts() {
        return FactValues.toFacts(id, values());
    }

    public List<Answer> answers() {
        return List.copyOf(answers);
    }

    public Diagnosis diagnosis() {
        return service.diagnose(facts());
    }

    public List<CauseAssessment> ranking() {
        return engine.run(facts()).causes();
    }

    public void answer(Question q, Object valueOrNull) {
        answers.add(new Answer(q.id(), q.fact(), valueOrNull));
    }

    /** Takes the last answer back; everything concluded from it goes with it. */
    public Optional<Answer> back() {
        return answers.isEmpty() ? Optional.empty() : Optional.of(answers.remove(answers.size() - 1));
    }

    /** The next question, or the reason the interview is over. */
    public Selection next() {
        Map<String, Object> values = values();
        List<CauseAssessment> now = rank(values);
        Set<String> open = new LinkedHashSet<>();
        now.stream().filter(a -> a.status().open() || a.conflicting()).forEach(a -> open.add(a.cause().id()));
        Set<String> asked = new LinkedHashSet<>();
        answers.forEach(a -> asked.add(a.fact()));
        HostFacts current = FactValues.toFacts(id, values);

        for (Question q : kb.catalog().questions()) {
            if (q.askFirst() && !values.containsKey(q.fact()) && !asked.contains(q.fact())) {
                FactField field = FactField.of(q.fact()).orElseThrow();
                Check check = q.check() == null ? null : kb.catalog().check(q.check()).orElse(null);
                Candidate first = new Candidate(q, field, Options.offered(q, field), check, Math.max(1, q.cost()), 0,
                        List.of(), null);
                return new Selection(first, null, now, List.of(first));
            }
        }
        Map<String, Question> relevant = new LinkedHashMap<>();
        for (Question q : kb.catalog().questions()) {
            if (!values.containsKey(q.fact()) && !asked.contains(q.fact()) && askable(q, current)
                    && kb.causesReading(q.fact()).stream().anyMatch(open::contains)) {
                relevant.put(q.fact(), q);
            }
        }
        // Context (a recent update, say) is no root cause: the leader is the first real cause.
        CauseAssessment top = now.stream().filter(a -> !a.cause().isContext()).findFirst().orElse(now.get(0));
        String leader = top.cause().id();
        List<Candidate> candidates = new ArrayList<>();
        for (Question q : relevant.values()) {
            Candidate c = evaluate(q, values, now, leader, relevant);
            if (c != null) {
                candidates.add(c);
            }
        }
        candidates.addAll(gates(values, current, now, leader, open, asked, relevant));
        // Who can answer: a question at a place where earlier questions went unanswered is less
        // likely to get an answer (the engineer may have no access to the host, say), so its
        // expected information is discounted by the chance of an answer there.
        Map<String, double[]> record = answeredByPlace();
        candidates.replaceAll(c -> {
            double[] kn = record.getOrDefault(place(c.question()), new double[2]);
            double chance = (kn[0] + 2) / (kn[0] + kn[1] + 2);
            return new Candidate(c.question(), c.field(), c.options(), c.check(), c.cost(), c.value() * chance, c.outcomes(),
                    c.opens());
        });
        candidates.removeIf(c -> c.value() < Math.max(minWorth, NO_VALUE));
        candidates.sort(Comparator.comparingDouble(Candidate::efficiency).reversed()
                .thenComparingInt(Candidate::cost));
        if (candidates.isEmpty()) {
            return new Selection(null, "nothing relevant is left to ask", now, candidates);
        }
        if (top.status() == Status.CONFIRMED && !top.conflicting()) {
            // Before calling the order settled, look at answers that only count together: a
            // rival confirmed by two observations (sessions at the limit, say) shows in no single one.
            candidates.replaceAll(c -> c.opens() != null || c.outcomes().stream().anyMatch(o -> !o.leaderHolds()) ? c
                    : withJointOutcomes(c, values, relevant, now, leader));
        }
        if (settled(top, candidates)) {
            return new Selection(null, "the leading cause can no longer change: " + top.cause().id() + " is "
                    + top.status().word() + " and no remaining answer is likely to put another cause in front", now,
                    candidates);
        }
        return new Selection(candidates.get(0), null, now, List.copyOf(candidates));
    }

    /** What asking a question is worth now: every probed answer simulated; null when none moves a cause. */
    private Candidate evaluate(Question q, Map<String, Object> values, List<CauseAssessment> now, String leader,
            Map<String, Question> relevant) {
        FactField field = FactField.of(q.fact()).orElseThrow();
        List<Option> options = Options.offered(q, field);
        List<Option> probes = Probes.of(q, field, options, literalsFor(q.fact(), values));
        List<List<CauseAssessment>> afters = new ArrayList<>();
        for (Option probe : probes) {
            Map<String, Object> v = new LinkedHashMap<>(values);
            v.put(q.fact(), probe.value());
            afters.add(rank(v));
        }
        double[] p = AnswerOdds.of(now, afters);
        List<Outcome> outcomes = new ArrayList<>();
        double value = 0;
        for (int i = 0; i < probes.size(); i++) {
            List<CauseAssessment> after = afters.get(i);
            double info = information(now, after);
            value += p[i] * info;
            outcomes.add(new Outcome(probes.get(i), after.get(0).cause().id(), leads(leader, after), info, p[i],
                    moves(now, after)));
        }
        Check check = q.check() == null ? null : kb.catalog().check(q.check()).orElse(null);
        int cost = cost(q);
        if (value <= NO_VALUE) {
            // A rule that needs two observations together gives neither a value on its own:
            // look one step further, at the question and a partner read by the same rule.
            Joint joint = pairValue(q, probes, relevant, values, now, leader);
            return joint.value() > NO_VALUE
                    ? new Candidate(q, field, options, check, cost * 2, joint.value(), joint.outcomes(), null) : null;
        }
        return new Candidate(q, field, options, check, cost, value, List.copyOf(outcomes), null);
    }

    private Candidate withJointOutcomes(Candidate c, Map<String, Object> values, Map<String, Question> relevant,
            List<CauseAssessment> now, String leader) {
        List<Option> probes = Probes.of(c.question(), c.field(), c.options(), literalsFor(c.question().fact(), values));
        Joint joint = pairValue(c.question(), probes, relevant, values, now, leader);
        if (joint.outcomes().stream().allMatch(Outcome::leaderHolds)) {
            return c;
        }
        return new Candidate(c.question(), c.field(), c.options(), c.check(), c.cost(), c.value(), joint.outcomes(), null);
    }

    private int cost(Question q) {
        Check check = q.check() == null ? null : kb.catalog().check(q.check()).orElse(null);
        return q.cost() > 0 ? q.cost() : check == null ? 1 : check.cost();
    }

    /**
     * Gate questions: a follow-up that would matter waits for an answer nobody has given yet
     * (whether the certificate is self-signed, say), and no rule reads that answer, so by
     * itself it would never be worth asking. It is worth what the follow-up it may open is
     * worth, times the share of its answers that open it, at the effort of both questions.
     */
    private List<Candidate> gates(Map<String, Object> values, HostFacts current, List<CauseAssessment> now, String leader,
            Set<String> open, Set<String> asked, Map<String, Question> relevant) {
        Map<String, Candidate> best = new LinkedHashMap<>();
        for (Question follow : kb.catalog().questions()) {
            if (follow.askWhen().isEmpty() || values.containsKey(follow.fact()) || asked.contains(follow.fact())
                    || !Applicability.fits(follow.askWhen(), current)
                    || kb.causesReading(follow.fact()).stream().noneMatch(open::contains)) {
                continue;
            }
            Candidate unlocked = null;
            boolean evaluated = false;
            for (var condition : follow.askWhen().entrySet()) {
                String gateFact = condition.getKey();
                Question gate = kb.catalog().questions().stream().filter(g -> g.fact().equals(gateFact)).findFirst().orElse(null);
                if (gate == null || values.containsKey(gateFact) || asked.contains(gateFact) || relevant.containsKey(gateFact)
                        || !askable(gate, current)) {
                    continue;
                }
                if (!evaluated) {
                    unlocked = evaluate(follow, values, now, leader, relevant);
                    evaluated = true;
                }
                FactField field = FactField.of(gateFact).orElseThrow();
                List<Option> options = Options.offered(gate, field);
                long opening = options.stream().filter(o -> Applicability.fits(Map.of(gateFact, condition.getValue()),
                        FactValues.toFacts(id, Map.of(gateFact, o.value())))).count();
                if (unlocked == null || options.isEmpty() || opening == 0) {
                    continue;
                }
                double value = unlocked.value() * opening / options.size();
                Check check = gate.check() == null ? null : kb.catalog().check(gate.check()).orElse(null);
                Candidate c = new Candidate(gate, field, options, check, cost(gate) + unlocked.cost(), value, List.of(), follow);
                best.merge(gateFact, c, (a, b) -> a.efficiency() >= b.efficiency() ? a : b);
            }
        }
        return List.copyOf(best.values());
    }

    /** How many simulated rankings are kept: one step simulates a few hundred fact sets, mostly again in its later checks. */
    private static final int REMEMBERED = 4_000;

    /**
     * Rankings of simulated fact sets. One step values every question by its answers, and the
     * gate, pair and stopping checks simulate many of the same fact sets again; the rules are
     * deterministic, so a fact set is ranked once.
     */
    private final Map<Map<String, Object>, List<CauseAssessment>> simulated = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Map<String, Object>, List<CauseAssessment>> eldest) {
            return size() > REMEMBERED;
        }
    };

    private List<CauseAssessment> rank(Map<String, Object> values) {
        Map<String, Object> key = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(values));
        List<CauseAssessment> known = simulated.get(key);
        if (known == null) {
            known = engine.run(FactValues.toFacts(id, values)).causes();
            simulated.put(key, known);
        }
        return known;
    }

    /** Where a question is answered: the place its check runs, else at the client. */
    private String place(Question q) {
        return q.check() == null ? "client" : kb.catalog().check(q.check()).map(Check::runsOn).orElse("client");
    }

    /** Per place: answers given and answers that were "unknown". */
    private Map<String, double[]> answeredByPlace() {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Answer a : answers) {
            kb.catalog().question(a.questionId()).ifPresent(q -> out.computeIfAbsent(place(q), k -> new double[2])[a.unknown() ? 1 : 0]++);
        }
        return out;
    }

    /** What a question is worth together with a partner question, and the combined answers simulated. */
    private record Joint(double value, List<Outcome> outcomes) {}

    /**
     * The best expected reduction from asking a question together with one partner question.
     * Its outcomes are the combined answers, so that the stopping rule also sees a rival cause
     * that only two answers together can put in front.
     */
    private Joint pairValue(Question q, List<Option> probes, Map<String, Question> relevant, Map<String, Object> values,
            List<CauseAssessment> now, String leader) {
        Joint best = new Joint(0, List.of());
        for (String partnerFact : kb.factsReadWith(q.fact())) {
            Question partner = relevant.get(partnerFact);
            if (partner == null) {
                continue;
            }
            FactField pf = FactField.of(partnerFact).orElseThrow();
            List<Option> partnerProbes = Probes.of(partner, pf, Options.offered(partner, pf), literalsFor(partnerFact, values));
            List<List<CauseAssessment>> afters = new ArrayList<>();
            List<Option> combined = new ArrayList<>();
            for (Option a : probes) {
                for (Option b : partnerProbes) {
                    Map<String, Object> v = new LinkedHashMap<>(values);
                    v.put(q.fact(), a.value());
                    v.put(partnerFact, b.value());
                    afters.add(rank(v));
                    combined.add(new Option(a.value(), a.label() + ", with " + partner.id() + ": " + b.label()));
                }
            }
            double[] p = AnswerOdds.of(now, afters);
            double value = 0;
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < afters.size(); i++) {
                List<CauseAssessment> after = afters.get(i);
                double info = information(now, after);
                value += p[i] * info;
                outcomes.add(new Outcome(combined.get(i), after.get(0).cause().id(), leads(leader, after), info, p[i],
                        moves(now, after)));
            }
            if (value > best.value()) {
                best = new Joint(value, List.copyOf(outcomes));
            }
        }
        return best;
    }

    /**
     * The values the rules compare a fact with. A fact compared only with another fact
     * ({@code activeSessions >= connectionLimit}) borrows that fact's numbers, so that the
     * simulated answers can land on either side of it.
     */
    private Set<Object> literalsFor(String fact, Map<String, Object> known) {
        Set<Object> own = kb.literals(fact);
        Set<Object> out = new LinkedHashSet<>(own);
        boolean numbers = own.stream().anyMatch(Number.class::isInstance);
        for (String p : kb.factsReadWith(fact)) {
            if (!numbers) {
                kb.literals(p).stream().filter(Number.class::isInstance).forEach(out::add);
            }
            // The partner's known value is the threshold this fact is now compared with.
            if (known.get(p) instanceof Number n) {
                out.add(n);
            }
        }
        return out;
    }


    /** Follow-up questions wait until the answers that make them meaningful are known. */
    private static boolean askable(Question q, HostFacts facts) {
        return Applicability.fits(q.askWhen(), facts) && Applicability.unknownConditions(q.askWhen(), facts).isEmpty();
    }

    /** Below this chance that the next answer dislodges a confirmed leader, the order counts as settled. */
    static final double OVERTAKE_RISK = 0.10;

    /**
     * True when the leader is confirmed and no remaining question is likely to change the order:
     * for every question worth asking, the chance that its answer leaves another cause in front
     * (by the answer odds) stays below {@link #OVERTAKE_RISK}. The chance is discounted by how
     * well the leader already explains the failure, since a second cause behind the same failure
     * is less likely than a first (the same explaining-away the plan uses).
     */
    static boolean settled(CauseAssessment top, List<Candidate> candidates) {
        if (top.status() != Status.CONFIRMED || top.conflicting()) {
            return false;
        }
        double residual = 1 - top.confidence();
        for (Candidate c : candidates) {
            double change = c.outcomes().stream().filter(o -> !o.leaderHolds()).mapToDouble(Outcome::probability).sum();
            if (residual * change >= OVERTAKE_RISK) {
                return false;
            }
        }
        return true;
    }

    /** Whether a cause still leads a ranking: first real cause, or tied with it in status and confidence. */
    static boolean leads(String cause, List<CauseAssessment> ranking) {
        CauseAssessment first = ranking.stream().filter(a -> !a.cause().isContext()).findFirst().orElse(ranking.get(0));
        return ranking.stream().filter(a -> a.cause().id().equals(cause)).findFirst()
                .map(a -> a == first || (a.status() == first.status() && !a.conflicting() && !first.conflicting()
                        && Math.abs(a.confidence() - first.confidence()) < 1e-9))
                .orElse(false);
    }

    /** How far a ranking's beliefs moved from the current ones: summed divergence, in bits. */
    static double information(List<CauseAssessment> now, List<CauseAssessment> after) {
        Map<String, Double> before = new LinkedHashMap<>();
        now.forEach(a -> before.put(a.cause().id(), belief(a)));
        double bits = 0;
        for (CauseAssessment a : after) {
            double p = belief(a);
            double q = before.getOrDefault(a.cause().id(), p);
            bits += p * log2(p / q) + (1 - p) * log2((1 - p) / (1 - q));
        }
        return bits;
    }

    /** The belief that a cause is present, kept off 0 and 1 so that divergences stay finite. */
    static double belief(CauseAssessment a) {
        double p = a.cause().explains() <= 0 ? 0 : Math.min(1, a.confidence() / a.cause().explains());
        if (a.conflicting()) {
            p = 0.5; // contradicting observations: as uncertain as can be
        }
        return Math.max(0.001, Math.min(0.999, p));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static List<Move> moves(List<CauseAssessment> before, List<CauseAssessment> after) {
        Map<String, CauseAssessment> b = new LinkedHashMap<>();
        before.forEach(a -> b.put(a.cause().id(), a));
        List<Move> out = new ArrayList<>();
        for (CauseAssessment a : after) {
            CauseAssessment was = b.get(a.cause().id());
            Move m = new Move(a.cause().id(), was.status(), was.confidence(), a.status(), a.confidence());
            if (m.changes()) {
                out.add(m);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The interview's state after a call to {@link #next()}.
     *
     * @param question   the question to ask, or null when the interview is over
     * @param endReason  why it is over, or null
     * @param ranking    the causes as they stand
     * @param candidates every question worth asking, best first
     */
    public record Selection(Candidate question, String endReason, List<CauseAssessment> ranking,
            List<Candidate> candidates) {
        public boolean finished() {
            return question == null;
        }
    }
}
