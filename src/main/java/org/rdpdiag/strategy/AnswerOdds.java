package org.rdpdiag.strategy;

import java.util.Arrays;

/**
 * How likely each possible answer is, given what is believed now. Beliefs must not be expected
 * to move: averaged over the answers, the belief in each cause after answering should equal the
 * belief before. The odds are the distribution over answers that comes closest to that (least
 * squares over the causes an answer moves, found by projected gradient descent on the simplex), with
 * a small floor so that no answer is treated as impossible. Without this, an unlikely answer that
 * would confirm a rare cause would count as much as the likely one.
 */
final class AnswerOdds {
    private static final int ITERATIONS = 200;
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
        if (n == 2) {
            // Two answers: the least-squares mix has a closed form.
            double num = 0;
            double den = 0;
            for (int c = 0; c < m; c++) {
                double d = after[0][c] - after[1][c];
                num += (before[c] - after[1][c]) * d;
                den += d * d;
            }
            if (den > 0) {
                p[0] = Math.max(0, Math.min(1, num / den));
                p[1] = 1 - p[0];
            }
            return floored(p);
        }
        // A step of one over the gradient's Lipschitz bound (twice the squared norm of the answers'
        // effects) cannot overshoot, so the descent never oscillates between decisive answers.
        double norm = 0;
        for (double[] row : after) {
            for (double v : row) {
                norm += v * v;
            }
        }
        double step = norm > 0 ? 1 / (2 * norm) : 0;
        double[] mix = new double[m];
        double[] next = new double[n];
        for (int it = 0; it < ITERATIONS && step > 0; it++) {
            Arrays.fill(mix, 0);
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < m; c++) {
                    mix[c] += p[i] * after[i][c];
                }
            }
            double moved = 0;
            for (int i = 0; i < n; i++) {
                double grad = 0;
                for (int c = 0; c < m; c++) {
                    grad += 2 * (mix[c] - before[c]) * after[i][c];
                }
                next[i] = p[i] - step * grad;
            }
            projectOntoSimplex(next, next);
            for (int i = 0; i < n; i++) {
                moved += Math.abs(next[i] - p[i]);
                p[i] = next[i];
            }
            if (moved < 1e-7) {
                break;
            }
        }
        return floored(p);
    }

    /** Keeps every answer possible: a small floor, then scaled back to a distribution. */
    private static double[] floored(double[] p) {
        int n = p.length;
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

    /** The point of the probability simplex nearest to {@code v}, written to {@code out}. */
    static void projectOntoSimplex(double[] v, double[] out) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double cumulative = 0;
        double theta = 0;
        for (int k = sorted.length - 1, count = 1; k >= 0; k--, count++) {
            cumulative += sorted[k];
            double t = (cumulative - 1) / count;
            if (sorted[k] - t > 0) {
                theta = t;
            }
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.max(0, v[i] - theta);
        }
    }
}
