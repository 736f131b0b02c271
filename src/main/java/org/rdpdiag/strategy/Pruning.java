package org.rdpdiag.strategy;

/**
 * How much of the valuation of observations a caller can do without. Valuing an observation in
 * full means finding the odds of its answers, which is most of what a plan costs; an observation
 * whose answers' expected costs of repair already show that it cannot matter to the caller is
 * left unvalued ({@link #leavesOut}). Exact: {@code PruningTest} shows that plans and next moves
 * are the same with and without it.
 */
enum Pruning {
    /** Value every observation: the full list, for "why?" and the authors' tools. */
    NONE,
    /**
     * Leave out what surely saves nothing: the plan takes what saves more than it costs, and
     * lists every other check that saves something, best first, before escalating.
     */
    WORTHLESS,
    /** Also leave out what surely saves less than it costs: the next move is only ever one of the rest. */
    COSTLY;

    /**
     * Whether an observation may be left unvalued, judged from what is known of it before its
     * answers' odds, which are most of what valuing costs: each answer's ECR. The odds are a
     * distribution ({@link AnswerOdds#convex}), so the expected ECR after asking is at least the
     * lowest of them, and the saving at most {@code chance} times {@code ecrNow} less that. It is
     * left out when every answer leaves the repair dearer than now (it saves nothing), when even
     * that most it could save is less per minute than {@code toBeat}, and, when this is
     * {@link #COSTLY}, less than its own cost. The bounds keep a margin far above the
     * rounding of the sums (a few ulps), so they never leave out an observation that valuing in
     * full would have kept: the plans and interviews stay the same to the bit.
     */
    boolean leavesOut(double ecrNow, double[] ecrs, double chance, double cost, double toBeat) {
        if (this == NONE || !AnswerOdds.convex(ecrs.length)) {
            return false;
        }
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (double e : ecrs) {
            lowest = Math.min(lowest, e);
            highest = Math.max(highest, e);
        }
        double margin = 1e-9 * (Math.abs(ecrNow) + Math.abs(highest) + Math.abs(cost));
        // Every answer leaves the repair dearer than now: nothing to save.
        if (lowest - ecrNow > margin) {
            return true;
        }
        double mostSaved = chance * (ecrNow - lowest) + margin;
        // Even the best answer for sure would save less per minute than what it competes with.
        if (mostSaved < toBeat * Math.max(0.1, cost)) {
            return true;
        }
        // Even the best answer for sure would not save the observation's own cost.
        return this == COSTLY && mostSaved < cost;
    }
}
