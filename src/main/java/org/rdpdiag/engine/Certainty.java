package org.rdpdiag.engine;

import org.rdpdiag.knowledge.Cause;

/**
 * How evidence turns into belief, in one place: the assessment uses it for what the rules
 * concluded, and the troubleshooting strategy for what an answer would make them conclude.
 */
public final class Certainty {
    private Certainty() {}

    /** MYCIN's combination of two certainty factors. */
    public static double combine(double a, double b) {
        if (a >= 0 && b >= 0) {
            return a + b * (1 - a);
        }
        if (a <= 0 && b <= 0) {
            return a + b * (1 + a);
        }
        return (a + b) / (1 - Math.min(Math.abs(a), Math.abs(b)));
    }

    /** The chance that an undecided cause is present, from its prior and the combined certainty of its evidence. */
    public static double present(Cause cause, double cf) {
        return cf >= 0 ? cause.prior() + cf * (1 - cause.prior()) : cause.prior() * (1 + cf);
    }

    /**
     * The chance that a cause is present, kept off 0 and 1 so that odds stay finite: settled
     * causes at the ends, contradicted ones in the middle (trusting either side would be a guess).
     */
    public static double presence(Cause cause, boolean confirms, boolean rulesOut, double cf) {
        if (confirms && rulesOut) {
            return 0.5;
        }
        if (confirms) {
            return 0.99;
        }
        if (rulesOut) {
            return 0.001;
        }
        return Math.max(0.001, Math.min(0.99, present(cause, cf)));
    }
}
