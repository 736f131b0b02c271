package org.rdpdiag.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Engine;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.interview.Replay;
import org.rdpdiag.knowledge.Question;

/**
 * How many questions the interview needs, against a lower bound. Each case is replayed (a fact the
 * case lacks is answered "unknown"). The bound is, per case, the smallest set of the case's own
 * observations from which the rules already reach the same leading cause: an interviewer that
 * knew the answers in advance could not ask fewer, and neither can the best decision tree built
 * over the cases, so it bounds every strategy from below. The codes, asked first in every
 * interview, are counted apart.
 */
public final class InterviewBenchmark {
    /** Bigger subsets are not searched; the bound then reports the size reached, still a lower bound. */
    static final int MAX_SUBSET = 3;

    /** One case's figures; {@code treeBound} is filled in once every case has been run. */
    public record Row(String id, int questions, int askedFirst, int bound, boolean boundExact, String fullTop,
            String interviewTop, boolean sameTop, int treeBound, Map<String, Object> answers, java.util.Set<String> leaders) {
        public int reasoned() {
            return questions - askedFirst;
        }

        Row withTreeBound(int b) {
            return new Row(id, questions, askedFirst, bound, boundExact, fullTop, interviewTop, sameTop, b, answers, leaders);
        }
    }

    /** Searching deeper than this is not worth it; the bound then says "at least this". */
    static final int MAX_TREE_DEPTH = 6;

    private final DiagnoseService service;
    private final Engine engine;

    public InterviewBenchmark(DiagnoseService service) {
        this.service = service;
        this.engine = new Engine(service.knowledgeBase());
    }

    public Row run(HostFacts full) {
        Replay.Transcript t = Replay.run(service, HostFacts.unknown(full.vocabulary(), full.id()), full);
        List<CauseAssessment> fullRanking = engine.run(full).causes();
        CauseAssessment fullLeader = leader(fullRanking);
        CauseAssessment interviewLeader = leader(t.diagnosis().causes());
        boolean same = sameLead(interviewLeader.cause().id(), fullRanking);
        int first = (int) t.steps().stream().filter(s -> service.knowledgeBase().catalog().question(s.questionId())
                .map(Question::askFirst).orElse(false)).count();
        int[] bound = bound(full, fullRanking);
        java.util.Set<String> leaders = new java.util.TreeSet<>();
        fullRanking.stream().filter(a -> !a.cause().isContext()
                && (a == fullLeader || (a.status() == fullLeader.status() && Math.abs(a.confidence() - fullLeader.confidence()) < 1e-9)))
                .forEach(a -> leaders.add(a.cause().id()));
        return new Row(full.id(), t.steps().size(), first, bound[0], bound[1] == 1, fullLeader.cause().id(),
                interviewLeader.cause().id(), same, -1, FactValues.of(full), leaders);
    }

    /**
     * The depth each case must have in any decision tree over these cases that ends at the right
     * leader: along a case's path the questions asked must tell it apart from every case whose
     * leader differs (a different value, or a value against "unknown"). The fewest such questions
     * (a minimum hitting set, found by iterative deepening) bounds that case's depth from below.
     */
    public List<Row> withTreeBounds(List<Row> rows) {
        List<String> facts = service.knowledgeBase().catalog().questions().stream().map(Question::fact).toList();
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            List<Row> others = rows.stream().filter(o -> o != r && java.util.Collections.disjoint(o.leaders(), r.leaders())).toList();
            // For each other case, the questions that tell it apart from this one.
            List<java.util.BitSet> separators = new ArrayList<>();
            boolean inseparable = false;
            for (Row o : others) {
                java.util.BitSet b = new java.util.BitSet(facts.size());
                for (int q = 0; q < facts.size(); q++) {
                    if (!java.util.Objects.equals(r.answers().get(facts.get(q)), o.answers().get(facts.get(q)))) {
                        b.set(q);
                    }
                }
                if (b.isEmpty()) {
                    inseparable = true; // same answers, different leader: no tree can separate them
                } else {
                    separators.add(b);
                }
            }
            int depth = 0;
            while (depth < MAX_TREE_DEPTH && !hits(separators, depth, new java.util.BitSet())) {
                depth++;
            }
            out.add(r.withTreeBound(inseparable && separators.isEmpty() ? 0 : depth));
        }
        return out;
    }

    /** Whether at most {@code budget} more questions can tell this case apart from all the others. */
    private static boolean hits(List<java.util.BitSet> separators, int budget, java.util.BitSet chosen) {
        java.util.BitSet open = null;
        for (java.util.BitSet s : separators) {
            if (!s.intersects(chosen)) {
                open = s;
                break;
            }
        }
        if (open == null) {
            return true;
        }
        if (budget == 0) {
            return false;
        }
        for (int q = open.nextSetBit(0); q >= 0; q = open.nextSetBit(q + 1)) {
            chosen.set(q);
            if (hits(separators, budget - 1, chosen)) {
                chosen.clear(q);
                return true;
            }
            chosen.clear(q);
        }
        return false;
    }

    /** The smallest number of the case's own observations (codes aside) that give the same leader. */
    private int[] bound(HostFacts full, List<CauseAssessment> fullRanking) {
        Map<String, Object> known = FactValues.of(full);
        Map<String, Object> codes = new java.util.LinkedHashMap<>();
        List<String> facts = new ArrayList<>();
        known.forEach((k, v) -> {
            if (k.equals("error.mainCode") || k.equals("error.extendedCode")) {
                codes.put(k, v);
            } else {
                facts.add(k);
            }
        });
        for (int size = 0; size <= Math.min(MAX_SUBSET, facts.size()); size++) {
            if (anySubset(facts, size, 0, new ArrayList<>(), codes, known, fullRanking)) {
                return new int[] {size, 1};
            }
        }
        return new int[] {Math.min(MAX_SUBSET + 1, facts.size()), facts.size() <= MAX_SUBSET ? 1 : 0};
    }

    private boolean anySubset(List<String> facts, int size, int from, List<String> chosen, Map<String, Object> codes,
            Map<String, Object> known, List<CauseAssessment> fullRanking) {
        if (chosen.size() == size) {
            Map<String, Object> v = new java.util.LinkedHashMap<>(codes);
            chosen.forEach(f -> v.put(f, known.get(f)));
            return sameLead(leader(engine.run(FactValues.toFacts(engine.knowledgeBase().vocabulary(), "bound", v)).causes()).cause().id(), fullRanking);
        }
        for (int i = from; i < facts.size(); i++) {
            chosen.add(facts.get(i));
            if (anySubset(facts, size, i + 1, chosen, codes, known, fullRanking)) {
                return true;
            }
            chosen.remove(chosen.size() - 1);
        }
        return false;
    }

    static CauseAssessment leader(List<CauseAssessment> ranking) {
        return org.rdpdiag.strategy.Standing.leader(ranking);
    }

    static boolean sameLead(String cause, List<CauseAssessment> ranking) {
        return org.rdpdiag.strategy.Standing.leads(cause, ranking);
    }

    /**
     * A bound on the mean depth of any decision tree over the cases: it must tell the leaders
     * apart, which takes at least their entropy in bits, and one question yields at most the
     * log2 of the most distinct answers any question has among the cases.
     */
    public static double entropyBound(List<Row> rows, List<String> facts) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        rows.forEach(r -> counts.merge(String.join("+", r.leaders()), 1, Integer::sum));
        double h = 0;
        for (int c : counts.values()) {
            double p = (double) c / rows.size();
            h -= p * Math.log(p) / Math.log(2);
        }
        int branching = 2;
        for (String f : facts) {
            java.util.Set<Object> values = new java.util.HashSet<>();
            rows.forEach(r -> values.add(String.valueOf(r.answers().get(f))));
            branching = Math.max(branching, values.size());
        }
        return h / (Math.log(branching) / Math.log(2));
    }

    /**
     * Means weighted by how often each case's leading cause occurs a priori (its catalogue
     * prior): the interview is tuned to those priors, while the case library holds every cause
     * about equally often.
     */
    public static double[] priorWeighted(List<Row> rows, org.rdpdiag.knowledge.Catalog catalog) {
        double w = 0;
        double q = 0;
        double t = 0;
        for (Row r : rows) {
            double prior = catalog.cause(r.fullTop()).map(org.rdpdiag.knowledge.Cause::prior).orElse(0.0);
            w += prior;
            q += prior * r.questions();
            t += prior * r.treeBound();
        }
        return w == 0 ? new double[] {0, 0} : new double[] {q / w, t / w};
    }

    /** The summary lines of a run. */
    public static List<String> summary(List<Row> rows, int catalogue, double entropyBound) {
        double q = rows.stream().mapToInt(Row::questions).average().orElse(0);
        double r = rows.stream().mapToInt(Row::reasoned).average().orElse(0);
        double b = rows.stream().mapToInt(Row::bound).average().orElse(0);
        double tree = Math.max(rows.stream().mapToInt(Row::treeBound).average().orElse(0), entropyBound);
        long same = rows.stream().filter(Row::sameTop).count();
        long exact = rows.stream().filter(Row::boundExact).count();
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "cases: %d; question catalogue: %d questions", rows.size(), catalogue));
        out.add(String.format(Locale.ROOT, "mean questions asked: %.2f (%.2f after the error codes, which are asked first)", q, r));
        out.add(String.format(Locale.ROOT, "mean lower bound, decision tree over these cases: %.2f questions per case "
                + "(the larger of %.2f, separating each case from those with other leaders, and %.2f, the entropy of the "
                + "leaders over the most answers one question has)", tree,
                rows.stream().mapToInt(Row::treeBound).average().orElse(0), entropyBound));
        out.add(String.format(Locale.ROOT, "mean lower bound, answers known in advance: %.2f (exact for %d cases)", b, exact));
        out.add(String.format(Locale.ROOT, "ratio to the decision-tree bound: %.2f (all questions), %.2f (after the codes)",
                tree == 0 ? Double.NaN : q / tree, tree == 0 ? Double.NaN : r / tree));
        out.add(String.format(Locale.ROOT, "same leading cause as diagnose on the full facts: %d of %d", same, rows.size()));
        return out;
    }
}
