package org.rdpdiag.knowledge;

import java.util.List;

/** What a seed document says about an error code, and how that compares with Microsoft's. */
public record SeedClaim(String code, List<String> seeds, ClaimStatus status, String claim, String verdict,
        List<Source> sources) implements java.io.Serializable {
    public SeedClaim {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
