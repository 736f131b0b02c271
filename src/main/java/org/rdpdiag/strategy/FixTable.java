package org.rdpdiag.strategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.Costs;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.KnowledgeBase;

/**
 * What the fault model reads of the catalogue's causes and fixes, looked up once per knowledge
 * base: a batch builds a fault model for every host and computes the expected cost of repair
 * some fifty times per host, and looking fixes up by id, deriving their costs and comparing
 * their ids there cost more than the arithmetic itself. Fixes are numbered in catalogue order.
 */
final class FixTable {
    final Cause[] causes;
    final Map<String, Integer> causeAt = new HashMap<>();
    final Fix[] fixes;
    final Map<String, Integer> fixAt = new HashMap<>();
    /** Per fix: the chance that it ends the failure when its cause is present. */
    final double[] resolves;
    final Costs.Cost[] cost;
    /** Per fix: {@code cost.total()}, as the ordering of fixes divides by it. */
    final double[] total;
    final boolean[] risky;
    final boolean[] isFix;
    /** Per fix: its place among the fixes sorted by id, so that ties are broken as by comparing ids. */
    final int[] idRank;
    /** Per cause: its fixes that exist, by number, in the author's order (repeats kept, as the author wrote them). */
    final int[][] fixesOfCause;
    /** Per fix id: the causes that list it (each once), in catalogue order; what a failed fix makes less likely. */
    final Map<String, int[]> causesListing = new HashMap<>();

    FixTable(KnowledgeBase kb) {
        Costs costs = kb.catalog().costs();
        this.causes = kb.catalog().causes().toArray(new Cause[0]);
        for (int i = 0; i < causes.length; i++) {
            causeAt.put(causes[i].id(), i);
        }
        this.fixes = kb.catalog().fixes().toArray(new Fix[0]);
        int n = fixes.length;
        resolves = new double[n];
        cost = new Costs.Cost[n];
        total = new double[n];
        risky = new boolean[n];
        isFix = new boolean[n];
        idRank = new int[n];
        for (int f = 0; f < n; f++) {
            fixAt.put(fixes[f].id(), f);
            resolves[f] = costs.resolves(fixes[f]);
            cost[f] = costs.of(fixes[f]);
            total[f] = cost[f].total();
            risky[f] = fixes[f].risky();
            isFix[f] = "fix".equals(fixes[f].kind());
        }
        List<Integer> byId = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            byId.add(f);
        }
        byId.sort(Comparator.comparing(f -> fixes[f].id()));
        for (int r = 0; r < n; r++) {
            idRank[byId.get(r)] = r;
        }
        fixesOfCause = new int[causes.length][];
        for (int i = 0; i < causes.length; i++) {
            fixesOfCause[i] = causes[i].fixes().stream().filter(fixAt::containsKey).mapToInt(fixAt::get).toArray();
        }
        for (Fix f : fixes) {
            List<Integer> listing = new ArrayList<>();
            for (int i = 0; i < causes.length; i++) {
                if (causes[i].fixes().contains(f.id())) {
                    listing.add(i);
                }
            }
            causesListing.put(f.id(), listing.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
