package org.rdpdiag.knowledge;

import java.util.List;

/**
 * One cause/fix pair claimed by the seed documents ({@code rules/seed-pairs.yaml}): the checklist
 * the catalogue's citations are held against.
 *
 * @param id    the pair id, {@code P01}...
 * @param seeds the seed documents that make the claim, by their number ({@code 000}...)
 * @param title a short summary of the claim
 */
public record SeedPair(String id, List<String> seeds, String title) implements java.io.Serializable {
    public SeedPair {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
    }
}
