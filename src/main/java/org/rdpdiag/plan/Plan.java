package org.rdpdiag.plan;

import java.util.List;

/**
 * The ordered remediation plan.
 *
 * @param expectedMinutes the expected cost of repair of following it, in minutes of an engineer's
 *                        time, disruption included
 * @param withheld        policies that kept steps out of it, with their reason
 */
public record Plan(List<PlanStep> steps, double expectedMinutes, List<Withheld> withheld) {
    public Plan {
        steps = List.copyOf(steps);
        withheld = List.copyOf(withheld);
    }

    /** A policy that withheld steps, and why. */
    public record Withheld(String policy, String reason) {}

    public List<PlanStep> ofKind(StepKind kind) {
        return steps.stream().filter(s -> s.kind() == kind).toList();
    }
}
