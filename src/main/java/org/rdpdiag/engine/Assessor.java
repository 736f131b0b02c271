package org.rdpdiag.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.RuleInfo;
import org.rdpdiag.knowledge.RuleMetadata;
import org.rdpdiag.knowledge.Weight;

/**
 * Turns the evidence rules concluded into one status and confidence per cause.
 *
 * <p>Decisive evidence ({@code confirms}, {@code rules-out}) settles a cause. When both kinds
 * are present the observations contradict each other; the cause is then left {@code possible}
 * and flagged, because trusting either side would be a guess. Otherwise the certainty factors of
 * the remaining evidence are combined as in MYCIN and applied to the cause's prior.
 */
final class Assessor {
    /** Combined certainty from which an undecided cause counts as likely. */
    static final double LIKELY_FROM = 0.5;

    private final Map<String, Engine.RuleReads> rules;
    // The assessment runs for every diagnosis: the catalogue's causes, the observations that
    // decide each and the order of their ids are looked up once, here.
    private final Cause[] causes;
    private final Map<String, Integer> causeAt = new HashMap<>();
    private final List<String>[] deciding;
    private final int[][] decidingAt;
    /** Each cause's rank among the ids in alphabetical order: the last tie-break of the ranking. */
    private final int[] idRank;
    private final List<org.rdpdiag.knowledge.Contradiction> contradictions;

    /** Evidence of a cause, decisive first, then by rule name. */
    private static final Comparator<EvidenceItem> STRONGEST_FIRST = (a, b) -> {
        int c = Double.compare(-Math.abs(a.weight().certainty()), -Math.abs(b.weight().certainty()));
        return c != 0 ? c : a.rule().compareTo(b.rule());
    };

    @SuppressWarnings("unchecked")
    Assessor(KnowledgeBase kb, Map<String, Engine.RuleReads> rules) {
        this.rules = rules;
        this.contradictions = kb.catalog().contradictions();
        this.causes = kb.catalog().causes().toArray(new Cause[0]);
        this.deciding = new List[causes.length];
        this.decidingAt = new int[causes.length][];
        this.idRank = new int[causes.length];
        Integer[] byId = new Integer[causes.length];
        for (int i = 0; i < causes.length; i++) {
            causeAt.put(causes[i].id(), i);
            deciding[i] = kb.factsDeciding(causes[i].id());
            decidingAt[i] = kb.factIndicesDeciding(causes[i].id());
            byId[i] = i;
        }
        java.util.Arrays.sort(byId, Comparator.comparing(i -> causes[i].id()));
        for (int r = 0; r < byId.length; r++) {
            idRank[byId[r]] = r;
        }
    }

    List<CauseAssessment> assess(HostFacts facts, List<Evidence> evidence, List<Firing> trace) {
        Map<String, Firing> lastFiring = new HashMap<>();
        for (Firing f : trace) {
            lastFiring.put(f.rule(), f);
        }
        @SuppressWarnings("unchecked")
        List<EvidenceItem>[] byCause = new List[causes.length];
        for (Evidence e : evidence) {
            Integer at = causeAt.get(e.cause());
            if (at == null) {
                continue;
            }
            Firing f = lastFiring.get(e.rule());
            Engine.RuleReads rule = rules.get(e.rule());
            RuleInfo info = rule == null ? null : rule.info();
            if (byCause[at] == null) {
                byCause[at] = new ArrayList<>(2);
            }
            byCause[at].add(new EvidenceItem(e.rule(), info == null ? null : info.file(), e.weight(),
                    f == null ? List.of() : f.facts(), info == null ? null : info.metadata().get(RuleMetadata.EXPLANATION)));
        }
        // A fix carried out without ending the failure speaks against the causes it repairs: the
        // cause was not there, or the fix did not take. It weakens them; it cannot settle them.
        for (org.rdpdiag.facts.Tried t : facts.tried()) {
            if (t.outcome() != org.rdpdiag.facts.TriedOutcome.STILL_FAILS) {
                continue;
            }
            for (int at = 0; at < causes.length; at++) {
                if (causes[at].fixes().contains(t.step())) {
                    if (byCause[at] == null) {
                        byCause[at] = new ArrayList<>(2);
                    }
                    byCause[at].add(new EvidenceItem(EvidenceItem.TRIED + t.step() + " " + t.outcome().word(), null,
                            Weight.WEAKENS, List.of(new FactValue("tried." + t.step(), t.outcome().word())),
                            "The fix " + t.step() + " was carried out and the failure persists."));
                }
            }
        }
        boolean[] known = facts.observations().known();
        CauseAssessment[] out = new CauseAssessment[causes.length];
        for (int i = 0; i < causes.length; i++) {
            List<EvidenceItem> items = byCause[i] == null ? List.of() : byCause[i];
            if (items.size() > 1) {
                items.sort(STRONGEST_FIRST);
            }
            out[i] = assess(causes[i], items, unknown(i, known));
        }
        boolean[] declared = new boolean[causes.length];
        for (org.rdpdiag.knowledge.Contradiction k : contradictions) {
            if (k.holds(facts)) {
                doubt(out, declared, k, facts);
            }
        }
        // The ranking: by status; within a status, contradicted causes lead (one observation
        // establishes them, and the contradiction has to be resolved before anything else is
        // trusted); then by confidence, highest first; then by id, compared by its precomputed rank.
        Integer[] order = new Integer[causes.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> {
            CauseAssessment a = out[x];
            CauseAssessment b = out[y];
            int c = a.status().compareTo(b.status());
            if (c == 0) {
                c = Boolean.compare(!a.conflicting(), !b.conflicting());
            }
            if (c == 0) {
                c = Double.compare(b.confidence(), a.confidence());
            }
            return c != 0 ? c : Integer.compare(idRank[x], idRank[y]);
        });
        List<CauseAssessment> ranked = new ArrayList<>(causes.length);
        for (int i = 0; i < order.length; i++) {
            ranked.add(out[order[i]]);
        }
        return rootsFirst(ranked);
    }

    /**
     * Observations declared unable to hold together all do: whatever they would settle stays open.
     * A cause that strong evidence (suggests or more) from one of those readings speaks for is
     * contradicted: no fix is planned on its strength and the plan reads them again first. A cause
     * that only such a reading excludes is open again, without a flag: nothing would be done on it.
     */
    private static void doubt(CauseAssessment[] out, boolean[] declared, org.rdpdiag.knowledge.Contradiction k, HostFacts facts) {
        java.util.Set<String> paths = k.paths();
        for (int i = 0; i < out.length; i++) {
            CauseAssessment a = out[i];
            // A cause its own rules already contradict is reported with the declared readings,
            // which say more; one already reported with a declared contradiction keeps it.
            if (declared[i]) {
                continue;
            }
            EvidenceItem doubted = null;
            boolean settledElsewhere = false;
            for (EvidenceItem e : a.support().isEmpty() ? a.against() : concat(a.support(), a.against())) {
                boolean readsDoubted = e.facts().stream().anyMatch(f -> paths.contains(f.path()));
                if (readsDoubted && doubted == null && Math.abs(e.weight().certainty()) >= Weight.SUGGESTS.certainty()) {
                    doubted = e;
                }
                // A verdict that another, undoubted reading gives on its own stands.
                settledElsewhere |= !readsDoubted && (a.status() == Status.CONFIRMED && e.weight() == Weight.CONFIRMS
                        || a.status() == Status.RULED_OUT && e.weight() == Weight.RULES_OUT);
            }
            if (doubted == null || settledElsewhere) {
                continue;
            }
            if (doubted.weight().certainty() < 0) {
                if (a.status() == Status.RULED_OUT) {
                    out[i] = new CauseAssessment(a.cause(), Status.POSSIBLE, round(a.cause().prior() * a.cause().explains()),
                            a.support(), a.against(), a.unknown(), false, "not excluded after all: rule " + doubted.rule()
                                    + " rests on " + k.readings(facts) + ", which cannot all hold (contradiction " + k.id() + ")");
                }
                continue;
            }
            declared[i] = true;
            out[i] = new CauseAssessment(a.cause(), Status.POSSIBLE, round(a.cause().prior() * a.cause().explains()),
                    a.support(), a.against(), a.unknown(), true, "observations contradict each other: "
                            + k.readings(facts) + " cannot all hold (" + k.reason() + "); rule " + doubted.rule()
                            + " rests on one of them, so read them again before acting on it (contradiction " + k.id() + ")");
        }
    }

    /**
     * Where a cause and a cause that explains it are both established, the consequence is said to
     * be one and the root moves just above it: repairing the root is what stops it coming back.
     */
    private static List<CauseAssessment> rootsFirst(List<CauseAssessment> ranked) {
        boolean any = false;
        for (CauseAssessment a : ranked) {
            any |= !a.cause().explainedBy().isEmpty() && Explained.established(a);
        }
        if (!any) {
            return List.copyOf(ranked);
        }
        List<CauseAssessment> out = new ArrayList<>(ranked);
        for (int i = 0; i < out.size(); i++) {
            CauseAssessment a = out.get(i);
            Explained why = Explained.of(a, ranked);
            for (String root : why.roots()) {
                for (int j = i + 1; j < out.size(); j++) {
                    if (out.get(j).cause().id().equals(root)) {
                        out.add(i++, out.remove(j));
                        break;
                    }
                }
            }
            String because = why.suffix();
            if (!because.isEmpty()) {
                out.set(i, new CauseAssessment(a.cause(), a.status(), a.confidence(), a.support(), a.against(), a.unknown(),
                        false, a.reason() + because));
            }
        }
        return List.copyOf(out);
    }

    private static List<EvidenceItem> concat(List<EvidenceItem> a, List<EvidenceItem> b) {
        List<EvidenceItem> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }

    /** The observations that would decide cause {@code i} and are not known. */
    private List<String> unknown(int i, boolean[] known) {
        int[] positions = decidingAt[i];
        List<String> unknown = null;
        for (int k = 0; k < positions.length; k++) {
            if (positions[k] < 0 || !known[positions[k]]) {
                if (unknown == null) {
                    unknown = new ArrayList<>(positions.length - k);
                }
                unknown.add(deciding[i].get(k));
            }
        }
        return unknown == null ? List.of() : Collections.unmodifiableList(unknown);
    }

    private CauseAssessment assess(Cause cause, List<EvidenceItem> items, List<String> unknown) {
        // Plain loops: this runs for every cause of every diagnosis.
        List<EvidenceItem> supportList = new ArrayList<>(items.size());
        List<EvidenceItem> againstList = new ArrayList<>(items.size());
        boolean confirms = false;
        boolean rulesOut = false;
        for (EvidenceItem i : items) {
            double certainty = i.weight().certainty();
            if (certainty > 0) {
                supportList.add(i);
                confirms |= i.weight() == Weight.CONFIRMS;
            } else if (certainty < 0) {
                againstList.add(i);
                rulesOut |= i.weight() == Weight.RULES_OUT;
            }
        }
        List<EvidenceItem> support = supportList.isEmpty() ? List.of() : Collections.unmodifiableList(supportList);
        List<EvidenceItem> against = againstList.isEmpty() ? List.of() : Collections.unmodifiableList(againstList);
        if (confirms && rulesOut) {
            return new CauseAssessment(cause, Status.POSSIBLE, round(cause.prior() * cause.explains()), support, against,
                    unknown, true, "observations contradict each other: " + firstRule(support, Weight.CONFIRMS)
                            + " establishes it but " + firstRule(against, Weight.RULES_OUT)
                            + " excludes it; re-check those observations");
        }
        if (confirms) {
            return new CauseAssessment(cause, Status.CONFIRMED, round(cause.explains()), support, against, unknown,
                    false, "established by " + firstRule(support, Weight.CONFIRMS));
        }
        if (rulesOut) {
            return new CauseAssessment(cause, Status.RULED_OUT, 0.0, support, against, unknown, false,
                    "excluded by " + firstRule(against, Weight.RULES_OUT));
        }
        double cf = 0;
        for (EvidenceItem i : items) {
            cf = Certainty.combine(cf, i.weight().certainty());
        }
        double present = Certainty.present(cause, cf);
        double confidence = round(present * cause.explains());
        if (cf >= LIKELY_FROM) {
            return new CauseAssessment(cause, Status.LIKELY, confidence, support, against, unknown, false,
                    "suggested by " + String.join(", ", support.stream().map(EvidenceItem::rule).toList())
                            + " but not established");
        }
        String reason = items.isEmpty()
                ? (unknown.isEmpty() ? "no rule spoke for or against it" : "the observations that decide it are unknown")
                : "the evidence so far is not strong enough to decide it";
        return new CauseAssessment(cause, Status.POSSIBLE, confidence, support, against, unknown, false, reason);
    }

    private static String firstRule(List<EvidenceItem> items, Weight weight) {
        for (EvidenceItem i : items) {
            if (i.weight() == weight) {
                return "rule \"" + i.rule() + "\"";
            }
        }
        return "";
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
