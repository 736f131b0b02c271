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

    /** One case's figures. */
    public record Row(String id, int questions, int askedFirst, int bound, boolean boundExact, String fullTop,
            String interviewTop, boolean sameTop) {
        public int reasoned() {
            return questions - askedFirst;
        }
    }

    private final DiagnoseService service;
    private final Engine engine;
    private final double minWorth;

    public InterviewBenchmark(DiagnoseService service, double minWorth) {
        this.service = service;
        this.minWorth = minWorth;
        this.engine = new Engine(service.knowledgeBase());
    }

    public Row run(HostFacts full) {
        Replay.Transcript t = Replay.run(service, HostFacts.unknown(full.id()), full, minWorth);
        List<CauseAssessment> fullRanking = engine.run(full).causes();
        CauseAssessment fullLeader = leader(fullRanking);
        CauseAssessment interviewLeader = leader(t.diagnosis().causes());
        boolean same = sameLead(interviewLeader.cause().id(), fullRanking);
        int first = (int) t.steps().stream().filter(s -> service.knowledgeBase().catalog().question(s.questionId())
                .map(Question::askFirst).orElse(false)).count();
        int[] bound = bound(full, fullRanking);
        return new Row(full.id(), t.steps().size(), first, bound[0], bound[1] == 1, fullLeader.cause().id(),
                interviewLeader.cause().id(), same);
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
            return sameLead(leader(engine.run(FactValues.toFacts("bound", v)).causes()).cause().id(), fullRanking);
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

    /** The first real cause (context is no root cause). */
    static CauseAssessment leader(List<CauseAssessment> ranking) {
        return ranking.stream().filter(a -> !a.cause().isContext()).findFirst().orElse(ranking.get(0));
    }

    /** Whether a cause leads a ranking, alone or tied with the leader in status and confidence. */
    static boolean sameLead(String cause, List<CauseAssessment> ranking) {
        CauseAssessment lead = leader(ranking);
        return ranking.stream().filter(a -> a.cause().id().equals(cause)).findFirst()
                .map(a -> a == lead || (a.status() == lead.status() && Math.abs(a.confidence() - lead.confidence()) < 1e-9))
                .orElse(false);
    }

    /** The summary lines of a run. */
    public static List<String> summary(List<Row> rows, int catalogue) {
        double q = rows.stream().mapToInt(Row::questions).average().orElse(0);
        double r = rows.stream().mapToInt(Row::reasoned).average().orElse(0);
        double b = rows.stream().mapToInt(Row::bound).average().orElse(0);
        long same = rows.stream().filter(Row::sameTop).count();
        long exact = rows.stream().filter(Row::boundExact).count();
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "cases: %d; question catalogue: %d questions", rows.size(), catalogue));
        out.add(String.format(Locale.ROOT, "mean questions asked: %.2f (%.2f after the error codes, which are asked first)", q, r));
        out.add(String.format(Locale.ROOT, "mean lower bound: %.2f (exact for %d cases, at least that for the rest)", b, exact));
        out.add(String.format(Locale.ROOT, "ratio (after the codes / bound): %s", b == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", r / b)));
        out.add(String.format(Locale.ROOT, "same leading cause as diagnose on the full facts: %d of %d", same, rows.size()));
        return out;
    }
}
