package org.rdpdiag.plan;

import java.util.List;
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

    public boolean risky() {
        return reducesSecurity || collateralRisk == CollateralRisk.HIGH;
    }
}
