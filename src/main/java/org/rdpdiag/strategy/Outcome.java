package org.rdpdiag.strategy;

import java.util.List;

/**
 * One possible answer to an observation and what it would change.
 *
 * @param probability how likely the answer is, given the current beliefs
 * @param expectedCost the expected cost of repair once it is given, in minutes
 * @param moved       the causes whose belief it moves, with their chance of being the fault before
 *                    and after (as fractions of one)
 */
public record Outcome(Option answer, double probability, double expectedCost, List<Shift> moved) {
    /** One cause's chance of being the fault, before and after the answer. */
    public record Shift(String cause, double before, double after) {}
}
