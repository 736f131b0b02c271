package org.rdpdiag.interview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdpdiag.engine.CauseAssessment;

/**
 * How likely each possible answer is, given what is believed now. Beliefs must not be expected
 * to move: averaged over the answers, the belief in each cause after answering should equal the
 * belief before. The odds are the distribution over answers that comes closest to that (least
 * squares over the causes, found by exponentiated gradient on the simplex), with a small floor so
 * that no answer is treated as impossible. Without this, an unlikely answer that would confirm a
 * rare cause would count as much as the likely one.
 */
final class AnswerOdds {
    private static final int ITERATIONS = 200;
    private static final double STEP = 4.0;
    private static final double FLOOR = 0.02;

    private AnswerOdds() {}

    static double[] of(List<CauseAssessment> now, List<List<CauseAssessment>> afters) {
        int n = afters.size();
        double[] p = new double[n];
        if (n == 0) {
            return p;
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        now.forEach(a -> index.put(a.cause().id(), index.size()));
        int m = index.size();
        double[] b0 = new double[m];
        now.forEach(a -> b0[index.get(a.cause().id())] = Interview.belief(a));
        double[][] b = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (CauseAssessment a : afters.get(i)) {
                Integer c = index.get(a.cause().id());
                if (c != null) {
                    b[i][c] = Interview.belief(a);
                }
            }
        }
        java.util.Arrays.fill(p, 1.0 / n);
        double[] mix = new double[m];
        for (int it = 0; it < ITERATIONS; it++) {
            java.util.Arrays.fill(mix, 0);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < m; c++) {
                    mix[c] += p[i] * b[i][c];
                }
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double grad = 0;
                for (int c = 0; c < m; c++) {
                    grad += 2 * (mix[c] - b0[c]) * b[i][c];
                }
                p[i] *= Math.exp(-STEP * grad);
                sum += p[i];
            }
            for (int i = 0; i < n; i++) {
                p[i] /= sum;
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            p[i] = (1 - FLOOR * n) * p[i] + FLOOR;
            total += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= total;
        }
        return p;
    }
}
