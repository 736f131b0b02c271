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
 *
 * <p>Over 400 lines because the ECR is computed here twice over, once building the steps and once,
 * for every foreseen answer, without them and with what was already foreseen remembered; the two
 * must order the fixes alike and stay side by side.
 */
final class FaultModel {
    private final KnowledgeBase kb;
    private final Costs costs;
    private final FixTable table;
    private final Cause[] causes;
    private final Map<String, Integer> causeAt;

    /** The fixes in the order they are tried, with the ECR of trying them and then handing on. */
    record Repairs(List<Action> actions, double ecr) {}

    final Strategy.Situation situation;
    final Map<String, Weight>[] evidence;
    final double[] presence;
    final double[] weight;
    final double[] mass;
    final double leakMass;
    final List<Policy> policies;
    /** The fixes that may be tried, by number in {@link FixTable}, in the order the causes first offer them. */
    final int[] optionFix;
    /** Per option, the causes it repairs (by index), in cause order. */
    final int[][] optionCauses;
    /** Per cause, its fix options in its order of preference. */
    final int[][] fixesOf;
    /** Per cause, the chance that it survives the fixes already tried without success. */
    final double[] survives;
    /** The causes with a risky fix among their options: only theirs are held behind safer ones. */
    private final int[] withRisky;
    /** Pairs (consequence, root) of established causes: the consequence's own fixes wait for the root's. */
    private final int[][] behindRoot;
    /** Scratch space for {@link #ecr}, which values every answer of every observation of one situation, one at a time. */
    private final double[] keyScratch;
    private final int[] orderScratch;
    private final double[] leftScratch;

    @SuppressWarnings("unchecked")
    FaultModel(Strategy.Situation s, KnowledgeBase kb, FixTable table) {
        this.kb = kb;
        this.costs = kb.catalog().costs();
        this.table = table;
        this.causes = table.causes;
        this.causeAt = table.causeAt;
        this.situation = s;
        this.policies = kb.catalog().policies().stream().filter(p -> p.holds(s.facts())).toList();
        Map<String, Map<String, Weight>> known = AnswerEffects.evidence(s.ranking());
        evidence = new Map[causes.length];
        presence = new double[causes.length];
        survives = new double[causes.length];
        Arrays.fill(survives, 1);
        for (String id : s.failed()) {
            Integer f = table.fixAt.get(id);
            if (f != null) {
                for (int c : table.causesListing.get(id)) {
                    survives[c] *= 1 - table.resolves[f];
                }
            }
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
                    : a.status() == Status.RULED_OUT ? 0.001 : Presence.of(causes[i], evidence[i]);
            // A cause the ranking does not list is no candidate.
            weight[i] = a == null || a.status() == Status.RULED_OUT ? 0 : weightOf(i, presence[i]);
        }
        mass = normalise(weight);
        double total = 0;
        for (double m : mass) {
            total += m;
        }
        leakMass = Math.max(0, 1 - total);
        // Per fix: its option's number, -1 while it offers none, -2 once it is known not to be offered.
        int[] optionAt = new int[table.fixes.length];
        Arrays.fill(optionAt, -1);
        List<Integer> fixOfOption = new ArrayList<>();
        List<List<Integer>> causesOfOption = new ArrayList<>();
        List<List<Integer>> perCause = new ArrayList<>();
        for (int i = 0; i < causes.length; i++) {
            List<Integer> mine = new ArrayList<>();
            perCause.add(mine);
            // A contradiction is resolved before anything is fixed on its strength: a contradicted
            // cause keeps its weight, so nothing else looks surer than it is, but offers no fix.
            if (weight[i] <= 0 || contradicted.contains(causes[i].id())) {
                continue;
            }
            for (int f : table.fixesOfCause[i]) {
                if (optionAt[f] == -1) {
                    Fix fix = table.fixes[f];
                    boolean offered = table.isFix[f] && !s.tried().contains(fix.id())
                            && Applicability.fits(fix.appliesWhen(), s.facts()) && !withheld(fix);
                    if (offered) {
                        optionAt[f] = fixOfOption.size();
                        fixOfOption.add(f);
                        causesOfOption.add(new ArrayList<>());
                    } else {
                        optionAt[f] = -2;
                    }
                }
                int at = optionAt[f];
                if (at < 0) {
                    continue;
                }
                causesOfOption.get(at).add(i);
                if (!mine.contains(at)) {
                    mine.add(at);
                }
            }
        }
        int n = fixOfOption.size();
        optionFix = fixOfOption.stream().mapToInt(Integer::intValue).toArray();
        optionCauses = new int[n][];
        for (int o = 0; o < n; o++) {
            optionCauses[o] = causesOfOption.get(o).stream().mapToInt(Integer::intValue).toArray();
        }
        fixesOf = new int[causes.length][];
        List<Integer> risky = new ArrayList<>();
        for (int i = 0; i < causes.length; i++) {
            // A cause's fixes are tried by their own chance per minute; a later one only counts
            // for what the earlier ones leave.
            // A fix that lowers security or risks damage comes after every safer one for the same
            // cause, whatever its figures: that is a rule of conduct, not a matter of cost.
            fixesOf[i] = perCause.get(i).stream().sorted(Comparator.comparing((Integer o) -> table.risky[optionFix[o]])
                    .thenComparingDouble(o -> -table.resolves[optionFix[o]] / table.total[optionFix[o]]))
                    .mapToInt(Integer::intValue).toArray();
            for (int o : fixesOf[i]) {
                if (table.risky[optionFix[o]]) {
                    risky.add(i);
                    break;
                }
            }
        }
        withRisky = risky.stream().mapToInt(Integer::intValue).toArray();
        List<int[]> pairs = new ArrayList<>();
        for (CauseAssessment a : s.ranking()) {
            if (a.cause().explainedBy().isEmpty() || !Standing.established(a)) {
                continue;
            }
            for (String root : a.cause().explainedBy()) {
                CauseAssessment r = assessed.get(root);
                Integer ci = causeAt.get(a.cause().id());
                Integer ri = causeAt.get(root);
                if (r != null && ci != null && ri != null && Standing.established(r) && !r.cause().isContext()
                        && r.status().compareTo(a.status()) <= 0 && fixesOf[ri].length > 0) {
                    pairs.add(new int[] {ci, ri});
                }
            }
        }
        behindRoot = pairs.toArray(new int[0][]);
        keyScratch = new double[n];
        orderScratch = new int[n];
        leftScratch = new double[causes.length];
    }

    boolean withheld(Fix f) {
        for (Policy p : policies) {
            if (p.withholds(f)) {
                return true;
            }
        }
        return false;
    }

    boolean withheld(Check c) {
        for (Policy p : policies) {
            if (p.withholds(c)) {
                return true;
            }
        }
        return false;
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

    /**
     * Each cause an answer changes, with its presence as the rules would leave it after that
     * answer. The causes come in the order a {@code HashMap<Integer, ?>} filled in the order of the
     * deltas lists them: the odds of the answers sum over the causes in this order, and floating
     * point sums depend on it, so the order is part of the result.
     */
    Map<Integer, Double> presenceAfter(List<AnswerEffects.Delta> deltas) {
        Map<Integer, List<AnswerEffects.Delta>> touched = null;
        for (AnswerEffects.Delta d : deltas) {
            if (d.added() == evidence[d.cause()].containsKey(d.rule())) {
                continue;
            }
            if (touched == null) {
                touched = new HashMap<>();
            }
            touched.computeIfAbsent(d.cause(), k -> new ArrayList<>(2)).add(d);
        }
        if (touched == null) {
            return Map.of();
        }
        Map<Integer, Double> out = new HashMap<>();
        for (var e : touched.entrySet()) {
            int c = e.getKey();
            out.put(c, Presence.of(causes[c], evidence[c], e.getValue()));
        }
        return out;
    }

    /** The fault chances once some answer is given, and the ECR that goes with them. */
    record Foreseen(double[] mass, double ecr) {}

    /** Which causes' weights an answer changes, and to what (their bits): equal keys, equal weights. */
    private record Changed(int[] causes, long[] weights) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Changed c && Arrays.equals(causes, c.causes) && Arrays.equals(weights, c.weights);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(causes) + Arrays.hashCode(weights);
        }
    }

    /**
     * What each set of changed weights was foreseen to give. Answers to different observations
     * often leave the same weights (a cause confirmed, or ruled out, whichever check shows it), and
     * normalising and ordering the fixes again would give the same figures to the bit.
     */
    private final Map<Changed, Foreseen> foreseen = new HashMap<>();

    /**
     * The fault chances and ECR after answer {@code a}, which leaves each cause {@code moved[k]}
     * with the presence {@code after[k][a]} and the others as they are.
     */
    Foreseen foresee(int[] moved, double[][] after, int a) {
        int[] changed = new int[moved.length];
        long[] bits = new long[moved.length];
        double[] weights = new double[moved.length];
        int n = 0;
        for (int k = 0; k < moved.length; k++) {
            double w = weightOf(moved[k], after[k][a]);
            long b = Double.doubleToRawLongBits(w);
            if (b != Double.doubleToRawLongBits(weight[moved[k]])) {
                changed[n] = moved[k];
                bits[n] = b;
                weights[n++] = w;
            }
        }
        // The moved causes come in the order answers first move them: sorted, the same change has one key.
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            int j = i - 1;
            while (j >= 0 && changed[order[j]] > changed[i]) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = i;
        }
        int[] keyCauses = new int[n];
        long[] keyBits = new long[n];
        for (int i = 0; i < n; i++) {
            keyCauses[i] = changed[order[i]];
            keyBits[i] = bits[order[i]];
        }
        Changed key = new Changed(keyCauses, keyBits);
        Foreseen known = foreseen.get(key);
        if (known == null) {
            double[] w = weight.clone();
            for (int i = 0; i < n; i++) {
                w[changed[i]] = weights[i];
            }
            double[] m = normalise(w);
            known = new Foreseen(m, ecr(m));
            foreseen.put(key, known);
        }
        return known;
    }

    /**
     * The ECR of the fixes in order and then the hand-over, as {@link #repairs} computes it, without
     * building the steps: a plan values every observation by this, once per possible answer.
     */
    double ecr(double[] m) {
        int n = optionFix.length;
        double[] key = keys(m, keyScratch);
        int[] order = orderScratch;
        int[] rank = table.idRank;
        int count = 0;
        for (int o = 0; o < n; o++) {
            if (key[o] <= 0) {
                continue;
            }
            // Insertion by key, highest first; ties by the fix's id, as in repairs().
            int at = count++;
            while (at > 0 && (key[order[at - 1]] < key[o] || (key[order[at - 1]] == key[o]
                    && rank[optionFix[order[at - 1]]] > rank[optionFix[o]]))) {
                order[at] = order[at - 1];
                at--;
            }
            order[at] = o;
        }
        double[] left = leftScratch;
        System.arraycopy(m, 0, left, 0, m.length);
        double failing = 1;
        double ecr = 0;
        double escalation = costs.escalation();
        for (int k = 0; k < count; k++) {
            int o = order[k];
            int f = optionFix[o];
            double resolves = table.resolves[f];
            double ends = 0;
            for (int i : optionCauses[o]) {
                ends += left[i] * resolves;
            }
            double total = table.total[f];
            if (failing <= 0 || ends / failing * escalation <= total) {
                continue;
            }
            ecr += failing * total;
            for (int i : optionCauses[o]) {
                left[i] *= 1 - resolves;
            }
            failing -= ends;
        }
        return ecr + Math.max(0, failing) * escalation;
    }

    /** Each fix's place in the order: its chance of ending the failure per minute, by the fault chances. */
    private double[] keys(double[] m, double[] key) {
        Arrays.fill(key, 0);
        for (int i = 0; i < m.length; i++) {
            if (m[i] <= 0) {
                continue;
            }
            double left = m[i];
            for (int o : fixesOf[i]) {
                int f = optionFix[o];
                key[o] += left * table.resolves[f] / table.total[f];
                left *= 1 - table.resolves[f];
            }
        }
        // A consequence's fixes, shared ones too, wait for the first fix of its established root:
        // repairing the root may end both, and repairing only the consequence lets it come back.
        for (int[] pair : behindRoot) {
            int rootFirst = fixesOf[pair[1]][0];
            double rootKey = key[rootFirst];
            if (rootKey <= 0) {
                continue;
            }
            for (int o : fixesOf[pair[0]]) {
                if (o != rootFirst && key[o] >= rootKey) {
                    key[o] = Math.nextDown(rootKey);
                }
            }
        }
        // Keep each cause's risky fixes behind its safer ones in the plan's order as well.
        for (int i : withRisky) {
            double safest = Double.MAX_VALUE;
            for (int o : fixesOf[i]) {
                if (!table.risky[optionFix[o]]) {
                    safest = Math.min(safest, key[o]);
                }
            }
            for (int o : fixesOf[i]) {
                if (table.risky[optionFix[o]] && key[o] >= safest) {
                    key[o] = Math.nextDown(safest);
                }
            }
        }
        return key;
    }

    /**
     * The fixes in order and their ECR for given fault chances. Each fix's place comes from
     * the chance that it ends the failure per minute, a cause's later fixes counting only
     * the part its earlier fixes leave; a fix less worth than handing on is left out.
     */
    Repairs repairs(double[] m) {
        int n = optionFix.length;
        double[] key = keys(m, new double[n]);
        Integer[] order = new Integer[n];
        for (int o = 0; o < n; o++) {
            order[o] = o;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(key[b], key[a]);
            return c != 0 ? c : Integer.compare(table.idRank[optionFix[a]], table.idRank[optionFix[b]]);
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
            int f = optionFix[o];
            double resolves = table.resolves[f];
            double ends = 0;
            for (int i : optionCauses[o]) {
                ends += left[i] * resolves;
            }
            double total = table.total[f];
            if (failing <= 0 || ends / failing * escalation <= total) {
                continue;
            }
            ecr += failing * total;
            List<Cause> served = new ArrayList<>();
            int[] byChance = Arrays.stream(optionCauses[o]).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -left[i])).mapToInt(Integer::intValue).toArray();
            for (int i : byChance) {
                served.add(causes[i]);
            }
            actions.add(new Action.Repair(table.fixes[f], List.copyOf(served), table.cost[f], ends / failing, failing));
            for (int i : optionCauses[o]) {
                left[i] *= 1 - resolves;
            }
            failing -= ends;
        }
        ecr += Math.max(0, failing) * escalation;
        actions.add(new Action.HandOver(Math.max(0, failing), escalation));
        return new Repairs(actions, ecr);
    }
}
