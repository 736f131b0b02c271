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
     * Whether the odds of {@code answers} answers are a distribution, every answer at least the
     * floor: so when the floor times the answers is below one (with more answers, flooring
     * could turn some odds negative).
     */
    static boolean convex(int answers) {
        return answers * FLOOR < 1;
    }

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
        if (step > 0) {
            if (m == 2) {
                descendTwo(p, before, after, step);
            } else {
                descend(p, before, after, step);
            }
        }
        return floored(p);
    }

    /*
     * The descent runs up to 200 steps for every observation with three answers or more, of every
     * host: most of what valuing costs. Both versions below do exactly the same floating-point
     * operations in the same order, so the odds are the same to the bit; they only save work
     * around them: 2 * (mix - before) is worked out once per cause rather than once per answer
     * and cause (doubling is exact), nothing is allocated per step, and the projection re-sorts
     * the previous step's order, which a step hardly changes, instead of sorting afresh.
     */

    private static void descend(double[] p, double[] before, double[][] after, double step) {
        int n = p.length;
        int m = before.length;
        double[] mix = new double[m];
        double[] twiceOff = new double[m];
        double[] next = new double[n];
        Projection projection = new Projection(n);
        for (int it = 0; it < ITERATIONS; it++) {
            Arrays.fill(mix, 0);
            for (int i = 0; i < n; i++) {
                double[] row = after[i];
                double pi = p[i];
                for (int c = 0; c < m; c++) {
                    mix[c] += pi * row[c];
                }
            }
            for (int c = 0; c < m; c++) {
                twiceOff[c] = 2 * (mix[c] - before[c]);
            }
            for (int i = 0; i < n; i++) {
                double[] row = after[i];
                double grad = 0;
                for (int c = 0; c < m; c++) {
                    grad += twiceOff[c] * row[c];
                }
                next[i] = p[i] - step * grad;
            }
            if (projection.stepTo(next, p)) {
                break;
            }
        }
    }

    /** The same for two columns (one moved cause and the rest), the common case, with the columns apart. */
    private static void descendTwo(double[] p, double[] before, double[][] after, double step) {
        int n = p.length;
        double[] first = new double[n];
        double[] second = new double[n];
        for (int i = 0; i < n; i++) {
            first[i] = after[i][0];
            second[i] = after[i][1];
        }
        double[] next = new double[n];
        Projection projection = new Projection(n);
        for (int it = 0; it < ITERATIONS; it++) {
            double mix0 = 0;
            double mix1 = 0;
            for (int i = 0; i < n; i++) {
                mix0 += p[i] * first[i];
                mix1 += p[i] * second[i];
            }
            double off0 = 2 * (mix0 - before[0]);
            double off1 = 2 * (mix1 - before[1]);
            for (int i = 0; i < n; i++) {
                double grad = 0;
                grad += off0 * first[i];
                grad += off1 * second[i];
                next[i] = p[i] - step * grad;
            }
            if (projection.stepTo(next, p)) {
                break;
            }
        }
    }

    /** Projects each step onto the simplex, keeping the order of the last one to sort the next. */
    private static final class Projection {
        private final int[] order;

        Projection(int n) {
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
        }

        /**
         * Moves {@code p} to the point of the simplex nearest to {@code next}; true when that moved
         * it less than the tolerance.
         */
        boolean stepTo(double[] next, double[] p) {
            double theta = shift(next, order);
            double moved = 0;
            for (int i = 0; i < p.length; i++) {
                double projected = Math.max(0, next[i] - theta);
                moved += Math.abs(projected - p[i]);
                p[i] = projected;
            }
            return moved < 1e-7;
        }
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

    /**
     * What the projection onto the simplex takes off every coordinate of {@code v} (before
     * clipping at zero): found over the values from the largest down.
     *
     * @param order indices of {@code v}, sorted here by value, ascending as {@link Arrays#sort(double[])}
     *              orders doubles; already nearly sorted when it holds the order of a similar vector
     */
    private static double shift(double[] v, int[] order) {
        int len = v.length;
        for (int i = 1; i < len; i++) {
            int index = order[i];
            double x = v[index];
            int j = i - 1;
            while (j >= 0 && Double.compare(v[order[j]], x) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = index;
        }
        double cumulative = 0;
        double theta = 0;
        for (int k = len - 1, count = 1; k >= 0; k--, count++) {
            double value = v[order[k]];
            cumulative += value;
            double t = (cumulative - 1) / count;
            if (value - t > 0) {
                theta = t;
            }
        }
        return theta;
    }
}
