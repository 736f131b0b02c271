package org.rdpdiag.knowledge;

/**
 * One cause/fix pair of the seed documents, as listed in {@code rules/seed-pairs.yaml}: the id
 * that catalogue entries cite ({@code sources[].pair}) and a short title in the project's words.
 * The knowledge itself lives in the entries that cite the pair.
 */
public record SeedPair(String id, String title) {}
