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
 * @param explainedBy causes that, when present, bring this one about (NETWORK SERVICE without
 *                 access to the machine keys explains a certificate that is not re-created): when
 *                 both are established this one is reported as their consequence and their fixes
 *                 come first
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
        List<String> fixes,
        List<String> explainedBy) implements java.io.Serializable {

    public Cause {
        explainedBy = explainedBy == null ? List.of() : List.copyOf(explainedBy);
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        sources = sources == null ? List.of() : List.copyOf(sources);
        fixes = fixes == null ? List.of() : List.copyOf(fixes);
        kind = kind == null ? "cause" : kind;
    }

    public boolean isContext() {
        return "context".equals(kind);
    }
}
