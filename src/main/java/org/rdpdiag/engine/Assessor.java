package org.rdpdiag.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rdpdiag.facts.FactPaths;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.RuleInfo;

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

    private final KnowledgeBase kb;

    /**
     * The ranking: by status; within a status, contradicted causes lead (one observation
     * establishes them, and the contradiction has to be resolved before anything else is
     * trusted); then by confidence, highest first; then by id.
     */
    static final Comparator<CauseAssessment> RANKING = (a, b) -> {
        int c = a.status().compareTo(b.status());
        if (c == 0) {
            c = Boolean.compare(!a.conflicting(), !b.conflicting());
        }
        if (c == 0) {
            c = Double.compare(b.confidence(), a.confidence());
        }
        return c != 0 ? c : a.cause().id().compareTo(b.cause().id());
    };
    /** Evidence of a cause, decisive first, then by rule name. */
    private static final Comparator<EvidenceItem> STRONGEST_FIRST = (a, b) -> {
        int c = Double.compare(-Math.abs(a.weight().certainty()), -Math.abs(b.weight().certainty()));
        return c != 0 ? c : a.rule().compareTo(b.rule());
    };

    Assessor(KnowledgeBase kb) {
        this.kb = kb;
    }

    List<CauseAssessment> assess(HostFacts facts, List<Evidence> evidence, List<Firing> trace) {
        Map<String, Firing> lastFiring = new HashMap<>();
        trace.forEach(f -> lastFiring.put(f.rule(), f));
        Map<String, List<EvidenceItem>> byCause = new HashMap<>();
        for (Evidence e : evidence) {
            Firing f = lastFiring.get(e.rule());
            RuleInfo info = kb.rule(e.rule()).orElse(null);
            byCause.computeIfAbsent(e.cause(), k -> new ArrayList<>()).add(new EvidenceItem(e.rule(),
                    info == null ? null : info.file(), e.weight(), f == null ? List.of() : f.facts(),
                    info == null ? null : info.metadata().get(RuleMetadata.EXPLANATION)));
        }
        boolean[] known = FactPaths.known(facts);
        List<CauseAssessment> out = new ArrayList<>();
        for (Cause cause : kb.catalog().causes()) {
            List<EvidenceItem> items = new ArrayList<>(byCause.getOrDefault(cause.id(), List.of()));
            if (items.size() > 1) {
                items.sort(STRONGEST_FIRST);
            }
            out.add(assess(cause, items, known));
        }
        out.sort(RANKING);
        return List.copyOf(out);
    }

    private CauseAssessment assess(Cause cause, List<EvidenceItem> items, boolean[] known) {
        // Plain loops: this runs for every cause of every diagnosis.
        List<EvidenceItem> supportList = new ArrayList<>();
        List<EvidenceItem> againstList = new ArrayList<>();
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
        List<String> unknownList = new ArrayList<>();
        List<String> deciding = kb.factsDeciding(cause.id());
        int[] positions = kb.factIndicesDeciding(cause.id());
        for (int k = 0; k < positions.length; k++) {
            if (positions[k] < 0 || !known[positions[k]]) {
                unknownList.add(deciding.get(k));
            }
        }
        List<EvidenceItem> support = Collections.unmodifiableList(supportList);
        List<EvidenceItem> against = Collections.unmodifiableList(againstList);
        List<String> unknown = Collections.unmodifiableList(unknownList);
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
            cf = combine(cf, i.weight().certainty());
        }
        double present = cf >= 0 ? cause.prior() + cf * (1 - cause.prior()) : cause.prior() * (1 + cf);
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

    /** MYCIN's combination of two certainty factors. */
    static double combine(double a, double b) {
        if (a >= 0 && b >= 0) {
            return a + b * (1 - a);
        }
        if (a <= 0 && b <= 0) {
            return a + b * (1 + a);
        }
        return (a + b) / (1 - Math.min(Math.abs(a), Math.abs(b)));
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
