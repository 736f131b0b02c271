package org.rdpdiag.interview;

import java.util.List;

/**
 * What the diagnosis would look like after one possible answer.
 *
 * @param leaderHolds whether the cause leading now would still lead (alone or tied)
 * @param information how far the answer moves the beliefs about the causes, in bits
 * @param probability how likely this answer is, given the current beliefs
 */
public record Outcome(Option answer, String topCause, boolean leaderHolds, double information, double probability,
        List<Move> moves) {}
