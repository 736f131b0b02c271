package org.rdpdiag.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Status;
import org.rdpdiag.knowledge.Applicability;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.Costs;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.Policy;
import org.rdpdiag.knowledge.Weight;

/**
 * The fault model of one situation: each cause's presence, weight and chance of being the fault,
 * the fixes that may be tried, and the expected cost of repair of trying them in order. Apart from
 * {@link Strategy}, which decides what to find out; this says what repairing would cost.
 */
final class FaultModel {
    private final KnowledgeBase kb;
    private final Costs costs;
    private final Cause[] causes;
    private final Map<String, Integer> causeAt;

    /** The fixes in the order they are tried, with the ECR of trying them and then handing on. */
    record Repairs(List<Action> actions, double ecr) {}

    /** One fix that may be tried, with the causes it repairs (by index). */
    record Option_(Fix fix, int[] causes, double resolves, Costs.Cost cost) {
        double total() {
            return cost.total();
        }
    }

    final Strategy.Situation situation;
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
    FaultModel(Strategy.Situation s, KnowledgeBase kb, Costs costs, Cause[] causes, Map<String, Integer> causeAt) {
        this.kb = kb;
        this.costs = costs;
        this.causes = causes;
        this.causeAt = causeAt;
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
                    : a.status() == Status.RULED_OUT ? 0.001 : Strategy.presence(causes[i], evidence[i]);
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
