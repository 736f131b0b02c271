package org.rdpdiag.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rdpdiag.engine.Advice;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.EngineResult;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.Applicability;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.CollateralRisk;
import org.rdpdiag.knowledge.Costs;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.strategy.Action;
import org.rdpdiag.strategy.Outcome;
import org.rdpdiag.strategy.Strategy;

/**
 * The plan: the troubleshooting sequence of the {@link Strategy} written out as steps. The
 * checks worth making now come first; then each fix, followed by a step that verifies it and
 * ends a stage ("if the failure persists, go on"), and by its rollback where the fix is risky;
 * then escalation and prevention as the rules advise. Pure: same input, same plan.
 */
public final class PlanBuilder {
    private final KnowledgeBase kb;
    private final Strategy strategy;
    /** Each fix's position in the catalogue: escalation and prevention steps follow it. */
    private final Map<String, Integer> catalogueOrder = new java.util.HashMap<>();

    public PlanBuilder(KnowledgeBase kb, Strategy strategy) {
        this.kb = kb;
        this.strategy = strategy;
        kb.catalog().fixes().forEach(f -> catalogueOrder.put(f.id(), catalogueOrder.size()));
    }

    /** The plan for these facts; the steps they record as tried are the strategy's to weigh. */
    public Plan build(HostFacts facts, EngineResult result) {
        Strategy.Sequence sequence = strategy.sequence(Strategy.Situation.of(facts, result.causes()));
        Map<String, CauseAssessment> byCause = new LinkedHashMap<>();
        result.causes().forEach(a -> byCause.put(a.cause().id(), a));
        List<PlanStep> steps = new ArrayList<>();
        List<Check> later = new ArrayList<>();
        List<Action> actions = sequence.actions();
        // With no known cause, the evidence that would decide is gathered before any fix for a
        // weak candidate: the escalation material comes first, the candidates' fixes after it.
        boolean evidenceFirst = CauseAssessment.noneEstablished(result.causes());
        boolean escalated = false;
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            if (evidenceFirst && !escalated && a instanceof Action.Repair) {
                escalated = true;
                Set<String> inPlan = new java.util.HashSet<>();
                actions.forEach(x -> {
                    if (x instanceof Action.Observe o && o.check() != null) {
                        inPlan.add(o.check().id());
                    } else if (x instanceof Action.Reread r) {
                        inPlan.add(r.check().id());
                    }
                });
                addAdvised(result.advice(), "escalate", StepKind.ESCALATE, steps, stillOpen(sequence, inPlan), true);
            }
            if (a instanceof Action.Reread r) {
                steps.add(checkStep(r.check(), steps.size() + 1, List.of(r.cause()), r.check().decides(),
                        "Reads again what contradicts itself about " + r.cause() + ": one of the observations behind "
                                + "it is wrong, and nothing is fixed on the strength of a contradiction."));
            } else if (a instanceof Action.Observe o && o.check() != null
                    && steps.stream().noneMatch(step -> step.id().equals(o.check().id()))) {
                steps.add(check(o, facts, steps.size() + 1));
            } else if (a instanceof Action.Repair r) {
                // A stage end right after the fix makes its connection test send the user back to the consultation.
                boolean consultAgain = i + 1 < actions.size() && actions.get(i + 1) instanceof Action.Reconsult;
                addFix(r, byCause, facts, steps, consultAgain);
            }
            // The hand-over is what the escalation steps say; the observations still open go there.
        }
        Set<String> planned = new java.util.HashSet<>();
        steps.forEach(s -> planned.add(s.id()));
        later.addAll(stillOpen(sequence, planned));
        if (!escalated) {
            addAdvised(result.advice(), "escalate", StepKind.ESCALATE, steps, later, false);
        }
        addAdvised(result.advice(), "prevent", StepKind.PREVENT, steps, List.of(), false);
        return new Plan(List.copyOf(steps), sequence.expectedCost(), sequence.policies().stream()
                .map(p -> new Plan.Withheld(p.id(), p.reason())).toList());
    }

    // ---- checks ---------------------------------------------------------------------------

    private PlanStep check(Action.Observe o, HostFacts facts, int number) {
        Check k = o.check();
        List<String> decides = k.decides().stream().filter(p -> facts.value(p) == null).toList();
        List<String> moved = new ArrayList<>();
        StringBuilder why = new StringBuilder(200);
        if (o.rootOf() != null) {
            why.append("Comes before fixing ").append(o.rootOf()).append(": another cause can bring it about and nothing has ")
                    .append("tested that root yet; repairing ").append(o.rootOf()).append(" alone would let the root bring it back. ");
        }
        why.append("Expected to save ").append(minutes(o.saving())).append(" of troubleshooting for ")
                .append(costWords(o.cost())).append(": ");
        List<String> answers = new ArrayList<>();
        for (Outcome out : o.outcomes()) {
            String label = o.question().fact() + " " + out.answer().label();
            if (out.moved().isEmpty()) {
                answers.add(label + " (" + pct(out.probability()) + ") changes little");
                continue;
            }
            List<String> shifts = new ArrayList<>();
            for (Outcome.Shift s : out.moved()) {
                if (!moved.contains(s.cause())) {
                    moved.add(s.cause());
                }
                shifts.add(s.cause() + " " + pct(s.before()) + " to " + pct(s.after()));
            }
            answers.add(label + " (" + pct(out.probability()) + ") moves " + String.join(", ", shifts));
        }
        if (o.opens() != null) {
            answers.add("no rule reads it by itself, but some answers open " + o.opens().fact() + ", which decides causes"
                    + " still open (saving and cost are those of both)");
        }
        why.append(String.join("; ", answers)).append('.');
        why.append(onlyIf(k.appliesWhen(), facts));
        if (k.changesHost()) {
            why.append(" It changes the host, so it comes after every check that only reads.");
        }
        return checkStep(k, number, List.copyOf(moved), decides, why.toString());
    }

    private static PlanStep checkStep(Check k, int number, List<String> addresses, List<String> decides, String why) {
        return new PlanStep.CheckStep(number, k, k.explanation() == null ? k.steps() : concat(k.steps(), k.explanation()),
                addresses, decides, why);
    }

    // ---- fixes ----------------------------------------------------------------------------

    private void addFix(Action.Repair r, Map<String, CauseAssessment> byCause, HostFacts facts, List<PlanStep> steps,
            boolean consultAgain) {
        Fix fix = r.fix();
        int number = steps.size() + 1;
        List<String> addresses = r.causes().stream().map(Cause::id).toList();
        String rollbackId = fix.risky() && fix.rollback() != null ? fix.id() + "-rollback" : null;
        Fix.Rollback undo = !fix.risky() ? fix.rollback() : null;
        StringBuilder why = new StringBuilder(200);
        why.append("Fixes ").append(String.join(", ", r.causes().stream().map(c -> {
            CauseAssessment a = byCause.get(c.id());
            return a == null ? c.id() : c.id() + " (" + a.status().word() + ", " + pct(a.confidence()) + ")";
        }).toList())).append(". ");
        why.append(number == 1 || steps.stream().noneMatch(s -> s.kind() == StepKind.FIX)
                ? "Tried first: " : "If the failure persists after the steps before, try this next: ");
        why.append(pct(r.chance())).append(" chance that it ends the failure, for ").append(costWords(r.cost())).append('.');
        if (fix.risky()) {
            why.append(" It ").append(riskWords(fix)).append(", which its cost counts; its rollback follows.");
        }
        why.append(onlyIf(fix.appliesWhen(), facts));
        steps.add(new PlanStep.FixStep(number, fix, addresses, rollbackId, undo, why.toString()));
        steps.add(verifyStep(steps.size() + 1, fix, number, rollbackId != null, addresses, consultAgain));
        if (rollbackId != null) {
            steps.add(new PlanStep.RollbackStep(steps.size() + 1, fix, addresses, "Undoes step " + number + " (" + fix.id() + "): run it if that step did not restore the "
                            + "connection, and otherwise once the underlying cause is fixed, unless the change has "
                            + "been reviewed and accepted, because that step " + riskWords(fix) + "."));
        }
    }

    /**
     * The connection test that ends the stage of fix step {@code fixStep}.
     *
     * @param consultAgain whether a failure here sends the user back to the consultation: the
     *                     checks that follow are worth more than the next fix, and what they find
     *                     decides what that is
     */
    private static PlanStep.VerifyStep verifyStep(int number, Fix fix, int fixStep, boolean withRollback,
            List<String> addresses, boolean consultAgain) {
        String tried = "record the step as tried (tried: [{step: " + fix.id() + ", outcome: still-fails}])";
        String goOn = consultAgain
                ? "If it still fails with 0x904/0x7, " + tried + (withRollback ? ", run the rollback," : "")
                        + " and go on with the checks that follow; then continue the consultation with what they"
                        + " found (rdpdiag ask --facts <your facts file>), which decides what to try next."
                : "If it still fails with 0x904/0x7, " + tried + " and go on with the next step"
                        + (withRollback ? " after the rollback." : ".");
        return new PlanStep.VerifyStep(number, fix,
                List.of("Have the user connect again from the same computer.",
                        "If the connection works now, stop here: the failure is fixed."
                                + (withRollback ? " Review step " + (fixStep + 2)
                                        + " (the rollback) with the owner of the host before the change stays." : ""),
                        goOn),
                addresses, "Ends the stage of step " + fixStep + ": whether the rest of the plan is needed depends on it."
                        + (consultAgain ? " If it is, what to try next depends on what the checks after it find." : ""),
                consultAgain);
    }

    private static String riskWords(Fix fix) {
        if (fix.reducesSecurity() && fix.collateralRisk() == CollateralRisk.HIGH) {
            return "lowers security and risks damage beyond Remote Desktop";
        }
        return fix.reducesSecurity() ? "lowers security" : "risks damage beyond Remote Desktop";
    }

    // ---- escalation and prevention --------------------------------------------------------

    /** The checks still worth something that the plan does not make, best first, each once. */
    private static List<Check> stillOpen(Strategy.Sequence sequence, Set<String> planned) {
        List<Check> out = new ArrayList<>();
        for (Action.Observe o : sequence.considered()) {
            if (o.check() != null && !planned.contains(o.check().id()) && o.saving() > 0 && !out.contains(o.check())) {
                out.add(o.check());
            }
        }
        return out;
    }

    /**
     * @param beforeFixes true when no known cause fits and the escalation material is gathered
     *                    before the weak candidates' fixes, not after them
     */
    private void addAdvised(List<Advice> advice, String kind, StepKind stepKind, List<PlanStep> steps, List<Check> later,
            boolean beforeFixes) {
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
            String why = (stepKind == StepKind.PREVENT ? "Keeps the failure from coming back once it is fixed. "
                    : beforeFixes ? "Comes before any fix: no known cause fits these facts, so the evidence that would decide "
                            + "is gathered first, and the fixes after it only try weak candidates, with the owner's consent. "
                    : "Comes after every check and fix: only needed when none of them restored the connection. ")
                    + "Requested by " + String.join(", ", rules.stream().map(r -> "rule \"" + r + "\"").toList()) + ".";
            List<String> instructions = new ArrayList<>(f.steps());
            // The observations still worth something are listed once, with the first escalation step.
            if (!later.isEmpty() && id.equals(ordered.get(0))) {
                instructions.add("Before escalating, collect the observations still missing: "
                        + String.join("; ", later.stream().map(c -> c.title() + " (" + c.id() + ")").toList())
                        + ". Then diagnose again with them.");
            }
            steps.add(new PlanStep.ClosingStep(steps.size() + 1, stepKind, f, List.copyOf(instructions), why));
        }
    }

    // ---- helpers --------------------------------------------------------------------------

    private static String onlyIf(Map<String, Object> appliesWhen, HostFacts facts) {
        List<String> unknown = Applicability.unknownConditions(appliesWhen, facts);
        return unknown.isEmpty() ? "" : " Only applies if " + String.join(" and ", unknown) + " (not known yet).";
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> out = new ArrayList<>(list);
        out.add(last);
        return List.copyOf(out);
    }

    private static String pct(double chance) {
        return Math.round(chance * 100) + "%";
    }

    static String minutes(double m) {
        return m >= 1 ? Math.round(m) + " min" : "under a minute";
    }

    static String costWords(Costs.Cost cost) {
        String work = minutes(cost.minutes()) + " of work";
        if (cost.disruption() <= 0) {
            return work;
        }
        return work + " and disruption worth " + minutes(cost.disruption()) + " ("
                + String.join(", ", cost.disruptedBy()) + ")";
    }
}
