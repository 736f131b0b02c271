package org.rdpdiag.plan;

import java.util.List;

/** The ordered remediation plan. */
public record Plan(List<PlanStep> steps) {
    public List<PlanStep> ofKind(StepKind kind) {
        return steps.stream().filter(s -> s.kind() == kind).toList();
    }
}
