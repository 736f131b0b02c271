package org.rdpdiag.plan;

import java.util.List;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.CollateralRisk;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.Place;
import org.rdpdiag.knowledge.Restart;
import org.rdpdiag.knowledge.Source;

/**
 * One numbered step of the plan: a check, a fix, the verification after a fix, the rollback of a
 * risky fix, or a closing step (escalation, prevention). Each kind holds the catalogue entry it
 * comes from and answers the questions the renderers ask of every step; what a kind does not
 * have (a check's restart, a verification's commands) is answered once, here.
 */
public sealed interface PlanStep permits PlanStep.CheckStep, PlanStep.AsWritten, PlanStep.VerifyStep, PlanStep.RollbackStep {

    /** The step's number in the plan, from 1. */
    int step();

    StepKind kind();

    /** The catalogue id of the check or fix ({@code <fix>-verify}, {@code <fix>-rollback} for those). */
    String id();

    String title();

    Place runsOn();

    List<String> instructions();

    /** The causes this step decides or fixes. */
    List<String> addresses();

    /** Why the step stands where it stands. */
    String why();

    default List<String> commands() {
        return List.of();
    }

    default boolean reducesSecurity() {
        return false;
    }

    default CollateralRisk collateralRisk() {
        return CollateralRisk.NONE;
    }

    default Restart restart() {
        return Restart.NONE;
    }

    default String restartDetail() {
        return null;
    }

    default String warning() {
        return null;
    }

    /** For a risky fix: the id of the rollback step that follows it. */
    default String rollback() {
        return null;
    }

    /** For a rollback: the id of the fix it undoes. */
    default String rollbackOf() {
        return null;
    }

    /** For any other fix that changes state: how to undo it. */
    default Fix.Rollback undo() {
        return null;
    }

    /**
     * Whether, after this step, the consultation goes on with what the following checks find
     * instead of following the plan further as written: true only for the connection test after
     * a fix whose failure makes observations worth more than the next fix.
     */
    default boolean consultAgain() {
        return false;
    }

    default List<String> verify() {
        return List.of();
    }

    /** For a check: the observations it fills in. */
    default List<String> decides() {
        return List.of();
    }

    default List<Source> sources() {
        return List.of();
    }

    /** Risky steps lower security or can damage more than Remote Desktop. */
    default boolean risky() {
        return reducesSecurity() || collateralRisk() == CollateralRisk.HIGH;
    }

    /** A check: reads (or, if its catalogue entry says so, changes) what it decides; restarts nothing. */
    record CheckStep(int step, Check check, List<String> instructions, List<String> addresses, List<String> decides,
            String why) implements PlanStep {
        public StepKind kind() {
            return StepKind.CHECK;
        }

        public String id() {
            return check.id();
        }

        public String title() {
            return check.title();
        }

        public Place runsOn() {
            return check.runsOn();
        }

        public List<String> commands() {
            return check.commands();
        }

        public List<Source> sources() {
            return check.sources();
        }
    }

    /** A step that carries out a catalogue fix as written: a fix, an escalation or a prevention step. */
    sealed interface AsWritten extends PlanStep permits FixStep, ClosingStep {
        Fix fix();

        default String id() {
            return fix().id();
        }

        default String title() {
            return fix().title();
        }

        default Place runsOn() {
            return fix().runsOn();
        }

        default List<String> commands() {
            return fix().commands();
        }

        default boolean reducesSecurity() {
            return fix().reducesSecurity();
        }

        default CollateralRisk collateralRisk() {
            return fix().collateralRisk();
        }

        default Restart restart() {
            return fix().restart();
        }

        default String restartDetail() {
            return fix().restartDetail();
        }

        default String warning() {
            return fix().warning();
        }

        default List<String> verify() {
            return fix().verify();
        }

        default List<Source> sources() {
            return fix().sources();
        }
    }

    /**
     * A fix as its catalogue entry has it.
     *
     * @param rollback the id of the rollback step that follows, for a risky fix; else null
     * @param undo     how to undo a fix that is not followed by a rollback step; else null
     */
    record FixStep(int step, Fix fix, List<String> addresses, String rollback, Fix.Rollback undo, String why)
            implements AsWritten {
        public StepKind kind() {
            return StepKind.FIX;
        }

        public List<String> instructions() {
            return fix.steps();
        }
    }

    /**
     * The user connects again after a fix, on the client: the end of a stage.
     *
     * @param consultAgain whether, should the fix not help, the consultation goes on from here
     *                     (the checks that follow decide what to try next) rather than down the list
     */
    record VerifyStep(int step, Fix fix, List<String> instructions, List<String> addresses, String why,
            boolean consultAgain) implements PlanStep {
        public StepKind kind() {
            return StepKind.VERIFY;
        }

        public String id() {
            return fix.id() + "-verify";
        }

        public String title() {
            return "Connect again";
        }

        public Place runsOn() {
            return Place.CLIENT;
        }
    }

    /** The rollback of a risky fix: where the fix ran, with the restart the fix needed. */
    record RollbackStep(int step, Fix fix, List<String> addresses, String why) implements PlanStep {
        public StepKind kind() {
            return StepKind.ROLLBACK;
        }

        public String id() {
            return fix.id() + "-rollback";
        }

        public String title() {
            return fix.rollback().title() == null ? "Undo: " + fix.title() : fix.rollback().title();
        }

        public Place runsOn() {
            return fix.runsOn();
        }

        public List<String> instructions() {
            return fix.rollback().steps();
        }

        public List<String> commands() {
            return fix.rollback().commands();
        }

        public Restart restart() {
            return fix.restart();
        }

        public String rollbackOf() {
            return fix.id();
        }

        public List<Source> sources() {
            return fix.sources();
        }
    }

    /** An escalation or prevention step that the rules asked for, as its catalogue entry has it. */
    record ClosingStep(int step, StepKind kind, Fix fix, List<String> instructions, String why) implements AsWritten {
        public ClosingStep {
            if (kind != StepKind.ESCALATE && kind != StepKind.PREVENT) {
                throw new IllegalArgumentException("a closing step escalates or prevents, not " + kind);
            }
        }

        public List<String> addresses() {
            return List.of();
        }

        public Fix.Rollback undo() {
            return fix.rollback();
        }
    }
}
