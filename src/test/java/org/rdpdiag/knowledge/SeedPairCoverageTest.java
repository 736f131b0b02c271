package org.rdpdiag.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rdpdiag.support.TestKnowledge;

/** Every cause/fix pair of the source documents must be encoded, cited and reachable from a rule. */
class SeedPairCoverageTest {
    static final List<String> PAIRS = IntStream.rangeClosed(1, 25).mapToObj(i -> String.format("P%02d", i)).toList();

    @Test
    void everySeedPairIsNamedByACatalogueEntryThatARuleUses() {
        KnowledgeBase kb = TestKnowledge.kb();
        Set<String> reachable = new HashSet<>();
        for (RuleInfo r : kb.rules()) {
            if (r.cause() != null) {
                kb.catalog().cause(r.cause()).ifPresent(c -> {
                    reachable.addAll(c.pairs());
                    c.sources().forEach(s -> addPair(reachable, s));
                    c.fixes().forEach(f -> kb.catalog().fix(f).ifPresent(fix -> fix.sources().forEach(s -> addPair(reachable, s))));
                });
            }
            if (r.step() != null) {
                kb.catalog().fix(r.step()).ifPresent(fix -> fix.sources().forEach(s -> addPair(reachable, s)));
            }
        }
        List<String> missing = new ArrayList<>(PAIRS);
        missing.removeAll(reachable);
        assertTrue(missing.isEmpty(), "seed pairs not encoded by any rule: " + missing);
    }

    @Test
    void theCatalogueListsEveryPairOfTheChecklistWithATitle() {
        List<SeedPair> listed = TestKnowledge.kb().catalog().seedPairs();
        assertEquals(PAIRS, listed.stream().map(SeedPair::id).toList());
        assertTrue(listed.stream().allMatch(p -> p.title() != null && !p.title().isBlank()));
    }

    @Test
    void everySeedCitationNamesExistingSeedFilesAndAValidPair() {
        Set<String> seeds = Set.of("000_4d2bca087427bbac.txt", "001_95fb0acd2026327a.txt", "002_61371221b363c110.txt");
        List<String> bad = new ArrayList<>();
        KnowledgeBase kb = TestKnowledge.kb();
        List<Source> all = new ArrayList<>();
        kb.catalog().causes().forEach(c -> all.addAll(c.sources()));
        kb.catalog().fixes().forEach(f -> all.addAll(f.sources()));
        for (Source s : all) {
            s.seeds().stream().filter(x -> !seeds.contains(x)).forEach(x -> bad.add("unknown seed file " + x));
            if (!s.seeds().isEmpty() && (s.pair() == null || !PAIRS.contains(s.pair()))) {
                bad.add("seed citation without a valid pair id: " + s.cite());
            }
            if (s.seeds().isEmpty() && s.url() == null) {
                bad.add("source with neither seed nor url");
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    private static void addPair(Set<String> into, Source s) {
        if (s.pair() != null) {
            into.add(s.pair());
        }
    }
}
