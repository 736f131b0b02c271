package org.rdpdiag.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.rdpdiag.engine.Advice;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.EngineResult;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactPaths;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.Applicability;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.KnowledgeBase;

/** Builds the ordered plan from an assessment. Pure: same input, same plan. */
public final class PlanBuilder {
    private final KnowledgeBase kb;
    // Check selection runs for every diagnosis; these index the catalogue's checks and the
    // observations they decide (by their position in FactPaths) once, so that valuing checks
    // needs no hashing.
    private final Check[] checks;
    private final int[][] decidesAt;
    /** Each fix's position in the catalogue: escalation and prevention steps follow it. */
    private final Map<String, Integer> catalogueOrder = new java.util.HashMap<>();

    public PlanBuilder(KnowledgeBase kb) {
        this.kb = kb;
        this.checks = kb.catalog().checks().toArray(new Check[0]);
        this.decidesAt = new int[checks.length][];
        for (int c = 0; c < checks.length; c++) {
            decidesAt[c] = checks[c].decides().stream().mapToInt(FactPaths::indexOf).filter(p -> p >= 0).toArray();
        }
        kb.catalog().fixes().forEach(f -> catalogueOrder.put(f.id(), catalogueOrder.size()));
    }

    public Plan build(HostFacts facts, EngineResult result) {
        List<PlanStep> steps = new ArrayList<>();
        List<Check> deferred = addChecks(facts, result.causes(), steps);
        addFixes(facts, result.causes(), steps);
        addAdvised(result.advice(), "escalate", StepKind.ESCALATE, steps, deferred);
        addAdvised(result.advice(), "prevent", StepKind.PREVENT, steps, List.of());
        return new Plan(List.copyOf(steps));
    }

    // ---- checks ---------------------------------------------------------------------------

    /** A check must be worth at least this much (see {@link #value}) to come before the fixes. */
    static final double MIN_CHECK_VALUE = 0.05;
    /** At most this many checks before the fixes; the rest go to the escalation step. */
    static final int MAX_CHECKS = 12;

    /**
     * Greedy choice of checks: each round takes the check whose still-undecided observations
     * matter most to the open causes, per unit of cost. An observation counts once: a second
     * check that would only re-read it adds nothing. What a cause's checks are worth is discounted
     * by the chance that the confirmed causes already explain the failure, so a well-established
     * diagnosis goes straight to its fixes.
     */
    private List<Check> addChecks(HostFacts facts, List<CauseAssessment> causes, List<PlanStep> steps) {
        // For each observation (by index), the causes (by rank) that it could still move.
        int[][] neederAt = new int[FactPaths.count()][];
        int[] neederCount = new int[FactPaths.count()];
        boolean[] known = FactPaths.known(facts);
        for (int i = 0; i < causes.size(); i++) {
            CauseAssessment a = causes.get(i);
            boolean open = a.status().open();
            for (int p : kb.factIndicesDeciding(a.cause())) {
                boolean unknown = p < 0 || !known[p];
                // Contradicting observations are worth reading again even though they are "known".
                if (p >= 0 && ((open && unknown) || (a.conflicting() && !unknown))) {
                    if (neederAt[p] == null) {
                        neederAt[p] = new int[4];
                    } else if (neederCount[p] == neederAt[p].length) {
                        neederAt[p] = Arrays.copyOf(neederAt[p], 2 * neederCount[p]);
                    }
                    neederAt[p][neederCount[p]++] = i;
                }
            }
        }
        double[] weightAt = weights(causes);
        // A check's value only falls as observations get covered, so a check worth nothing now
        // is worth nothing later: only the applicable checks still worth something are revisited.
        int[] candidates = new int[checks.length];
        int candidateCount = 0;
        // A check that changes the host is a change like any fix: not on a host nobody may change.
        boolean locked = hostLocked(facts);
        for (int c = 0; c < checks.length; c++) {
            if (Applicability.fits(checks[c].appliesWhen(), facts) && !(locked && checks[c].changesHost())) {
                candidates[candidateCount++] = c;
            }
        }
        // A check that changes the host must not run ahead of a safe fix for an established cause.
        boolean fixesAhead = causes.stream().anyMatch(a -> a.status() == Status.CONFIRMED || a.status() == Status.LIKELY);
        boolean[] covered = new boolean[FactPaths.count()];
        List<Check> deferred = new ArrayList<>();
        int[] countedIn = new int[causes.size()];
        int valuation = 0;
        while (true) {
            int bestAt = -1;
            double bestPriority = 0;
            double bestValue = 0;
            int kept = 0;
            for (int k = 0; k < candidateCount; k++) {
                int c = candidates[k];
                double value = value(decidesAt[c], neederAt, neederCount, covered, weightAt, countedIn, ++valuation);
                if (value <= 0) {
                    continue;
                }
                candidates[kept++] = c;
                double priority = value / checks[c].cost();
                if (bestAt < 0 || priority > bestPriority + 1e-9
                        || (Math.abs(priority - bestPriority) <= 1e-9 && checks[c].cost() < checks[bestAt].cost())) {
                    bestAt = c;
                    bestPriority = priority;
                    bestValue = value;
                }
            }
            candidateCount = kept;
            if (bestAt < 0) {
                return deferred;
            }
            int chosen = bestAt;
            candidateCount = removeValue(candidates, candidateCount, chosen);
            Check best = checks[chosen];
            if (bestValue < MIN_CHECK_VALUE || steps.size() >= MAX_CHECKS || (best.changesHost() && fixesAhead)) {
                deferred.add(best);
                for (int p : decidesAt[chosen]) {
                    covered[p] = true;
                }
                continue;
            }
            List<String> decides = new ArrayList<>();
            List<CauseAssessment> helped = new ArrayList<>();
            boolean[] isHelped = new boolean[causes.size()];
            for (String path : best.decides()) {
                int p = FactPaths.indexOf(path);
                if (p < 0 || neederAt[p] == null || covered[p]) {
                    continue;
                }
                decides.add(path);
                for (int k = 0; k < neederCount[p]; k++) {
                    int i = neederAt[p][k];
                    if (!isHelped[i]) {
                        isHelped[i] = true;
                        helped.add(causes.get(i));
                    }
                }
            }
            for (String path : decides) {
                covered[FactPaths.indexOf(path)] = true;
            }
            StringBuilder why = new StringBuilder(160).append("Decides ").append(String.join(", ", decides)).append(" for ");
            List<String> helpedIds = new ArrayList<>(helped.size());
            for (CauseAssessment a : helped) {
                if (!helpedIds.isEmpty()) {
                    why.append("; ");
                }
                helpedIds.add(a.cause().id());
                why.append(a.cause().id()).append(" (").append(a.status().word())
                        .append(a.conflicting() ? ", contradictory" : "").append(", ").append(pct(a.confidence())).append(')');
            }
            why.append(". Value ").append(twoDecimals(bestValue)).append(" at cost ").append(best.cost())
                    .append(" (").append(costWord(best.cost())).append(").").append(onlyIf(best.appliesWhen(), facts));
            if (best.changesHost()) {
                why.append(" It changes the host, so it comes only when no fix is planned yet.");
            }
            steps.add(new PlanStep(steps.size() + 1, StepKind.CHECK, best.id(), best.title(), best.runsOn(),
                    best.explanation() == null ? best.steps() : concat(best.steps(), best.explanation()),
                    best.commands(), List.copyOf(helpedIds), false, "none", "none", null,
                    null, null, null, null, List.of(), decides, why.toString(), best.sources()));
        }
    }

    /**
     * What settling a cause is worth: its confidence, times the chance that no other confirmed
     * cause already explains the failure. Contradicted causes keep their full weight: a
     * contradiction must be resolved before anything is fixed on its strength.
     */
    private static double[] weights(List<CauseAssessment> causes) {
        List<CauseAssessment> explaining = causes.stream()
                .filter(a -> a.status() == Status.CONFIRMED && !a.cause().isContext()).toList();
        double[] out = new double[causes.size()];
        for (int i = 0; i < causes.size(); i++) {
            CauseAssessment a = causes.get(i);
            double residual = 1;
            for (CauseAssessment other : explaining) {
                if (other != a) {
                    residual *= 1 - other.confidence();
                }
            }
            // Floor so that causes with no confidence yet still earn their checks.
            double w = Math.max(a.confidence(), 0.02);
            out[i] = a.conflicting() ? Math.max(w, 0.5) : w * residual;
        }
        return out;
    }

    /**
     * The summed weight of the causes that still need an observation the check decides; each
     * cause counts once ({@code countedIn[i] == valuation} marks it as counted in this valuation).
     */
    private static double value(int[] decides, int[][] neederAt, int[] neederCount, boolean[] covered,
            double[] weightAt, int[] countedIn, int valuation) {
        double value = 0;
        for (int p : decides) {
            if (covered[p] || neederAt[p] == null) {
                continue;
            }
            for (int k = 0; k < neederCount[p]; k++) {
                int i = neederAt[p][k];
                if (countedIn[i] != valuation) {
                    countedIn[i] = valuation;
                    value += weightAt[i];
                }
            }
        }
        return value;
    }

    /** Removes {@code value} from the first {@code count} entries, keeping their order; returns the new count. */
    private static int removeValue(int[] values, int count, int value) {
        int kept = 0;
        for (int k = 0; k < count; k++) {
            if (values[k] != value) {
                values[kept++] = values[k];
            }
        }
        return kept;
    }

    // ---- fixes ----------------------------------------------------------------------------

    private record Candidate(Fix fix, List<CauseAssessment> causes, int position) {
        CauseAssessment best() {
            return causes.get(0);
        }
    }

    private void addFixes(HostFacts facts, List<CauseAssessment> causes, List<PlanStep> steps) {
        Map<String, Candidate> byFix = new LinkedHashMap<>();
        for (CauseAssessment a : causes) {
            if (a.status() != Status.CONFIRMED && a.status() != Status.LIKELY) {
                continue;
            }
            List<String> fixIds = a.cause().fixes();
            for (int i = 0; i < fixIds.size(); i++) {
                Fix fix = kb.catalog().fix(fixIds.get(i)).orElseThrow();
                if (!Applicability.fits(fix.appliesWhen(), facts) || (hostLocked(facts) && changesHost(fix))) {
                    continue;
                }
                int position = i;
                Candidate c = byFix.computeIfAbsent(fix.id(), k -> new Candidate(fix, new ArrayList<>(), position));
                c.causes().add(a);
            }
        }
        // Causes arrive ranked, so each candidate's first cause is its best one.
        Comparator<Candidate> byCause = Comparator.comparing((Candidate c) -> c.best().status())
                .thenComparing(Comparator.comparingDouble((Candidate c) -> c.best().confidence()).reversed());
        List<Candidate> ordered = byFix.values().stream()
                .sorted(fixOrder(Candidate::fix, byCause, Candidate::position)).toList();
        Map<String, Integer> stepOfFix = new LinkedHashMap<>();
        for (Candidate c : ordered) {
            Fix fix = c.fix();
            int number = steps.size() + 1;
            stepOfFix.put(fix.id(), number);
            List<String> addresses = c.causes().stream().map(a -> a.cause().id()).toList();
            String rollbackId = fix.risky() && fix.rollback() != null ? fix.id() + "-rollback" : null;
            Fix.Rollback undo = !fix.risky() ? fix.rollback() : null;
            steps.add(new PlanStep(number, StepKind.FIX, fix.id(), fix.title(), fix.runsOn(), fix.steps(), fix.commands(),
                    addresses, fix.reducesSecurity(), fix.collateralRisk(), fix.restart(), fix.restartDetail(),
                    fix.warning(), rollbackId, null, undo, fix.verify(), List.of(),
                    whyFix(c, stepOfFix) + onlyIf(fix.appliesWhen(), facts), fix.sources()));
            if (rollbackId != null) {
                Fix.Rollback r = fix.rollback();
                steps.add(new PlanStep(steps.size() + 1, StepKind.ROLLBACK, rollbackId,
                        r.title() == null ? "Undo: " + fix.title() : r.title(), fix.runsOn(), r.steps(), r.commands(),
                        addresses, false, "none", fix.restart(), null, null, null, fix.id(), null, List.of(), List.of(),
                        "Undoes step " + number + " (" + fix.id() + "): run it if that step did not restore the "
                                + "connection, and otherwise once the underlying cause is fixed, unless the change has "
                                + "been reviewed and accepted, because that step " + riskWords(fix) + ".",
                        fix.sources()));
            }
        }
    }

    /**
     * The order of fixes in every plan: safe fixes before risky ones, then by the standing of the
     * best cause each fix serves, then by that cause's preference (its position in the cause's
     * list), then the less invasive, then by id so that the order never depends on chance.
     */
    private static <T> Comparator<T> fixOrder(Function<T, Fix> fix, Comparator<T> byCause, ToIntFunction<T> position) {
        return Comparator.comparing((T c) -> fix.apply(c).risky())
                .thenComparing(byCause)
                .thenComparingInt(position)
                .thenComparingInt(c -> fix.apply(c).invasiveness())
                .thenComparing(c -> fix.apply(c).id());
    }

    /**
     * The fixes of one cause in the order a plan gives them when that cause is established and
     * every fix applies: the plan's own ordering with a single cause to rank. A risky fix is
     * followed in the plan by its rollback step.
     */
    public List<Fix> fixesInPlanOrder(Cause cause) {
        record Listed(Fix fix, int position) {}
        List<String> ids = cause.fixes();
        List<Listed> listed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            // As in a plan, a fix named twice keeps its first position.
            if (seen.add(ids.get(i))) {
                listed.add(new Listed(kb.catalog().fix(ids.get(i)).orElseThrow(), i));
            }
        }
        return listed.stream().sorted(fixOrder(Listed::fix, (a, b) -> 0, Listed::position)).map(Listed::fix).toList();
    }

    private String whyFix(Candidate c, Map<String, Integer> stepOfFix) {
        Fix fix = c.fix();
        CauseAssessment best = c.best();
        StringBuilder why = new StringBuilder();
        why.append("Fixes ").append(String.join(", ", c.causes().stream()
                .map(a -> a.cause().id() + " (" + a.status().word() + ", " + pct(a.confidence()) + ")").toList()))
                .append(". ");
        if (c.position() == 0) {
            why.append("First choice for ").append(best.cause().id());
        } else {
            List<String> earlier = best.cause().fixes().subList(0, c.position()).stream()
                    .filter(stepOfFix::containsKey).map(id -> "step " + stepOfFix.get(id)).toList();
            why.append("Alternative ").append(c.position() + 1).append(" for ").append(best.cause().id());
            if (!earlier.isEmpty()) {
                why.append(": try it only if ").append(String.join(" and ", earlier)).append(" did not help");
            }
        }
        why.append("; invasiveness ").append(fix.invasiveness()).append("/5");
        if (!"none".equals(fix.restart())) {
            why.append(", needs ").append(fix.restart().replace('-', ' '));
        }
        why.append('.');
        if (fix.risky()) {
            why.append(" Placed after every safer fix because it ").append(riskWords(fix)).append('.');
        }
        return why.toString();
    }

    private static String riskWords(Fix fix) {
        if (fix.reducesSecurity() && "high".equals(fix.collateralRisk())) {
            return "lowers security and risks damage beyond Remote Desktop";
        }
        return fix.reducesSecurity() ? "lowers security" : "risks damage beyond Remote Desktop";
    }

    // ---- escalation and prevention --------------------------------------------------------

    private void addAdvised(List<Advice> advice, String kind, StepKind stepKind, List<PlanStep> steps,
            List<Check> deferred) {
        Map<String, List<String>> rulesByFix = new LinkedHashMap<>();
        for (Advice a : advice) {
            kb.catalog().fix(a.step()).filter(f -> kind.equals(f.kind()))
                    .ifPresent(f -> rulesByFix.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(a.rule()));
        }
        // Catalogue order, so that authors decide it: the review that closes an incident comes last.
        List<String> ordered = new ArrayList<>(rulesByFix.keySet());
        ordered.sort(Comparator.comparing(catalogueOrder::get));
        for (String id : ordered) {
            List<String> rules = rulesByFix.get(id);
            Fix f = kb.catalog().fix(id).orElseThrow();
            String why = (stepKind == StepKind.ESCALATE
                    ? "Comes after every check and fix: only needed when none of them restored the connection. "
                    : "Keeps the failure from coming back once it is fixed. ")
                    + "Requested by " + String.join(", ", rules.stream().map(r -> "rule \"" + r + "\"").toList()) + ".";
            List<String> instructions = new ArrayList<>(f.steps());
            // The missing observations are listed once, with the first escalation step.
            if (!deferred.isEmpty() && id.equals(ordered.get(0))) {
                instructions.add("Before escalating, collect the observations still missing: "
                        + String.join("; ", deferred.stream().map(c -> c.title() + " (" + c.id() + ")").toList())
                        + ". Then diagnose again with them.");
            }
            steps.add(new PlanStep(steps.size() + 1, stepKind, f.id(), f.title(), f.runsOn(), List.copyOf(instructions), f.commands(),
                    List.of(), f.reducesSecurity(), f.collateralRisk(), f.restart(), f.restartDetail(), f.warning(),
                    null, null, f.rollback(), f.verify(), List.of(), why,
                    f.sources()));
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    /**
     * A host nobody can change takes no step that changes it, fix or check: the plan keeps to
     * what can be done at the client, on the network and at the gateway, and to reading the host (P23).
     */
    private static boolean hostLocked(HostFacts facts) {
        return Boolean.FALSE.equals(facts.host().settingsChangeable());
    }

    private static boolean changesHost(Fix fix) {
        return "host".equals(fix.runsOn()) || "azure-portal".equals(fix.runsOn());
    }

    private static String onlyIf(java.util.Map<String, Object> appliesWhen, HostFacts facts) {
        List<String> unknown = Applicability.unknownConditions(appliesWhen, facts);
        return unknown.isEmpty() ? "" : " Only applies if " + String.join(" and ", unknown) + " (not known yet).";
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> out = new ArrayList<>(list);
        out.add(last);
        return List.copyOf(out);
    }

    /** As {@code String.format(Locale.ROOT, "%.2f", v)} (half-up on the shortest decimal form), without the formatter's cost. */
    static String twoDecimals(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String pct(double confidence) {
        return Math.round(confidence * 100) + "%";
    }

    private static String costWord(int cost) {
        return switch (cost) {
            case 1 -> "one quick command";
            case 2 -> "a few commands";
            case 3 -> "a test or another person";
            default -> "a maintenance window or another team";
        };
    }
}
