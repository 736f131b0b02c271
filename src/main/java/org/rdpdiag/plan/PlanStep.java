package org.rdpdiag.plan;

import java.util.List;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.CollateralRisk;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.Place;
import org.rdpdiag.knowledge.Restart;
import org.rdpdiag.knowledge.Source;

/**
 * One numbered step of the plan.
 *
 * @param id          the catalogue id of the check or fix ({@code <fix>-rollback} for rollbacks)
 * @param addresses   the causes this step decides or fixes
 * @param rollback    for a risky fix: the id of the rollback step that follows it
 * @param rollbackOf  for a rollback: the id of the fix it undoes
 * @param undo        for any other fix that changes state: how to undo it
 * @param why         why the step stands where it stands
 * @param decides     for a check: the observations it fills in
 */
public record PlanStep(
        int step,
        StepKind kind,
        String id,
        String title,
        Place runsOn,
        List<String> instructions,
        List<String> commands,
        List<String> addresses,
        boolean reducesSecurity,
        CollateralRisk collateralRisk,
        Restart restart,
        String restartDetail,
        String warning,
        String rollback,
        String rollbackOf,
        Fix.Rollback undo,
        List<String> verify,
        List<String> decides,
        String why,
        List<Source> sources) {

    /** A check: reads (or, if the catalogue says so, changes) the host; restarts nothing. */
    static PlanStep check(int step, Check k, List<String> instructions, List<String> addresses, List<String> decides,
            String why) {
        return new PlanStep(step, StepKind.CHECK, k.id(), k.title(), k.runsOn(), instructions, k.commands(), addresses, false,
                CollateralRisk.NONE, Restart.NONE, null, null, null, null, null, List.of(), decides, why, k.sources());
    }

    /**
     * A fix as the catalogue has it.
     *
     * @param rollback the id of the rollback step that follows, for a risky fix; else null
     * @param undo     how to undo a fix that is not followed by a rollback step; else null
     */
    static PlanStep fix(int step, Fix fix, List<String> addresses, String rollback, Fix.Rollback undo, String why) {
        return new PlanStep(step, StepKind.FIX, fix.id(), fix.title(), fix.runsOn(), fix.steps(), fix.commands(), addresses,
                fix.reducesSecurity(), fix.collateralRisk(), fix.restart(), fix.restartDetail(), fix.warning(), rollback, null,
                undo, fix.verify(), List.of(), why, fix.sources());
    }

    /** The user connects again after a fix, on the client: the end of a stage. */
    static PlanStep verify(int step, String id, List<String> instructions, List<String> addresses, String why) {
        return new PlanStep(step, StepKind.VERIFY, id, "Connect again", Place.CLIENT, instructions, List.of(), addresses, false,
                CollateralRisk.NONE, Restart.NONE, null, null, null, null, null, List.of(), List.of(), why, List.of());
    }

    /** The rollback of a risky fix: where the fix ran, with the restart the fix needed. */
    static PlanStep rollback(int step, String id, String title, Fix fix, List<String> addresses, String why) {
        Fix.Rollback rb = fix.rollback();
        return new PlanStep(step, StepKind.ROLLBACK, id, title, fix.runsOn(), rb.steps(), rb.commands(), addresses, false,
                CollateralRisk.NONE, fix.restart(), null, null, null, fix.id(), null, List.of(), List.of(), why, fix.sources());
    }

    /** An escalation or prevention step that the rules asked for. */
    static PlanStep advised(int step, StepKind kind, Fix f, List<String> instructions, String why) {
        return new PlanStep(step, kind, f.id(), f.title(), f.runsOn(), instructions, f.commands(), List.of(), f.reducesSecurity(),
                f.collateralRisk(), f.restart(), f.restartDetail(), f.warning(), null, null, f.rollback(), f.verify(), List.of(),
                why, f.sources());
    }

    public boolean risky() {
        return reducesSecurity || collateralRisk == CollateralRisk.HIGH;
    }
}
