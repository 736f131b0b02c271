package org.rdpdiag.strategy;

import java.util.List;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.Costs;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.Question;

/**
 * One move of a troubleshooting sequence: find something out, try a fix, or hand the case on.
 * The plan shows the moves as steps and the interview asks the observations among them.
 */
public sealed interface Action {
    /**
     * Find out one observation.
     *
     * @param check      how to find it out (null for what the user simply knows)
     * @param saving     the expected cost of repair the answer saves, before its own cost, in minutes
     * @param answerChance how likely an answer (not "unknown") is at the place it is found
     * @param outcomes   each possible answer: how likely, and what it would change
     * @param opens      for a question asked only because some of its answers open a follow-up
     *                   that matters: that follow-up (its saving and cost are the pair's); else null
     * @param together   for a question that only counts together with another one (a rule reads
     *                   both): that other question (saving, cost and outcomes are the pair's); else null
     * @param rootOf     for a question asked although trying the leading fix is cheaper in
     *                   expectation, because that fix repairs a consequence whose root nothing has
     *                   tested yet: the consequence's id; else null
     */
    record Observe(Question question, Check check, Costs.Cost cost, double saving, double answerChance,
            List<Outcome> outcomes, Question opens, Question together, String rootOf) implements Action {

        /** The same observation, asked to test the untested root of {@code consequence}. */
        Observe testingRootOf(String consequence) {
            return new Observe(question, check, cost, saving, answerChance, outcomes, opens, together, consequence);
        }

        /** What the observation is expected to save, net of its own cost. */
        public double netSaving() {
            return saving - cost.total();
        }

        public double savingPerMinute() {
            return saving / Math.max(0.1, cost.total());
        }
    }

    /**
     * Read a known observation again: it contradicts another about the same cause, and nothing is
     * fixed on the strength of a contradiction.
     *
     * @param cause the contradicted cause
     */
    record Reread(Question question, Check check, Costs.Cost cost, String cause) implements Action {}

    /**
     * Try a fix.
     *
     * @param causes  the causes it repairs, most probable first
     * @param chance  the chance that it ends the failure when tried, given that every earlier
     *                fix of the sequence did not
     * @param reached the chance that the failure still persists when its turn comes
     */
    record Repair(Fix fix, List<Cause> causes, Costs.Cost cost, double chance, double reached) implements Action {
        public double chancePerMinute() {
            return chance / Math.max(0.1, cost.total());
        }
    }

    /**
     * The end of a stage: if the fix before did not help, the observations that follow are worth
     * making before anything else is tried, and what they find decides what to try next, so the
     * consultation goes on from there rather than down a list fixed in advance.
     *
     * @param after the fix whose failure opens the next stage
     */
    record Reconsult(Fix after) implements Action {}

    /**
     * Hand the case on: no remaining fix is worth its cost against escalating.
     *
     * @param reached the chance that the failure still persists at this point
     */
    record HandOver(double reached, double minutes) implements Action {}
}
