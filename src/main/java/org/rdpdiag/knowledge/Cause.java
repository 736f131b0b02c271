package org.rdpdiag.knowledge;

import java.util.List;

/**
 * A possible cause of the failure.
 *
 * @param prior    how plausible the cause is before any observation (0..1)
 * @param explains how well the cause, when present, explains error 0x904/0x7 (0..1); low for
 *                 conditions that Microsoft documents under other error codes
 * @param kind     {@code cause}, or {@code context} for circumstances that make other causes more
 *                 likely without being a root cause themselves
 * @param fixes    fix ids in order of preference: least invasive first
 */
public record Cause(
        String id,
        String title,
        String family,
        String kind,
        String explanation,
        List<String> pairs,
        List<Source> sources,
        ClaimStatus claimStatus,
        String claimNote,
        double prior,
        double explains,
        List<String> fixes) {

    public Cause {
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        sources = sources == null ? List.of() : List.copyOf(sources);
        fixes = fixes == null ? List.of() : List.copyOf(fixes);
        kind = kind == null ? "cause" : kind;
    }

    public boolean isContext() {
        return "context".equals(kind);
    }
}
