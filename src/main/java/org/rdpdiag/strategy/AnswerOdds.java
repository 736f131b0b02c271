package org.rdpdiag.strategy;

import java.util.Arrays;

/**
 * How likely each possible answer is, given what is believed now. Beliefs must not be expected
 * to move: averaged over the answers, the belief in each cause after answering should equal the
 * belief before. The odds are the distribution over answers that comes closest to that (least
 * squares over the causes an answer moves, found by exponentiated gradient on the simplex), with
 * a small floor so that no answer is treated as impossible. Without this, an unlikely answer that
 * would confirm a rare cause would count as much as the likely one.
 */
final class AnswerOdds {
    private static final int ITERATIONS = 120;
    private static final double STEP = 4.0;
    private static final double FLOOR = 0.02;

    private AnswerOdds() {}

    /**
     * @param before the current presence of each moved cause
     * @param after  per answer, the presence of the same causes once it is given
     */
    static double[] of(double[] before, double[][] after) {
        int n = after.length;
        double[] p = new double[n];
        if (n == 0) {
            return p;
        }
        int m = before.length;
        Arrays.fill(p, 1.0 / n);
        double[] mix = new double[m];
        for (int it = 0; it < ITERATIONS && m > 0; it++) {
            Arrays.fill(mix, 0);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < m; c++) {
                    mix[c] += p[i] * after[i][c];
                }
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double grad = 0;
                for (int c = 0; c < m; c++) {
                    grad += 2 * (mix[c] - before[c]) * after[i][c];
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
