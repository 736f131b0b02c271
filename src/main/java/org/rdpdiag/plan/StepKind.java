package org.rdpdiag.plan;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of plan step, in the order the plan's sections appear. */
public enum StepKind {
    CHECK, FIX, VERIFY, ROLLBACK, ESCALATE, PREVENT;

    @JsonValue
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
