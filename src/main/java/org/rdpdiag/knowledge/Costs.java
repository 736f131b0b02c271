package org.rdpdiag.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * The cost model of troubleshooting: what each question, check and fix costs, and how likely a
 * fix is to end the failure when its cause is present. A cost has two parts, both in minutes of
 * an engineer's time: the work itself, and the disruption it causes (sessions ended by a restart,
 * security lowered for a while, damage risked beyond Remote Desktop). Entries may set their own
 * figures; otherwise the defaults of {@link CostSettings} apply, by effort or invasiveness.
 */
public final class Costs implements java.io.Serializable {
    private final CostSettings settings;

    Costs(CostSettings settings) {
        this.settings = settings;
    }

    public CostSettings settings() {
        return settings;
    }

    /** The cost of one step, split into work and disruption, with the reasons for the disruption. */
    public record Cost(double minutes, double disruption, List<String> disruptedBy) {
        public Cost {
            disruptedBy = List.copyOf(disruptedBy);
        }

        public double total() {
            return minutes + disruption;
        }
    }

    public Cost of(Fix fix) {
        Cost derived = byDefault(fix);
        return new Cost(fix.minutes() != null ? fix.minutes() : derived.minutes(),
                fix.disruption() != null ? fix.disruption() : derived.disruption(), derived.disruptedBy());
    }

    /** What the fix would cost by the defaults alone, leaving out its own {@code minutes} and {@code disruption}. */
    public Cost byDefault(Fix fix) {
        double minutes = settings.fixMinutes().getOrDefault(fix.invasiveness(), 15.0);
        List<String> why = new ArrayList<>();
        // A restart on the user's own computer ends one person's work; on the host, everyone's.
        boolean shared = sharedRestart(fix);
        double derived = restartDisruption(fix);
        if (derived > 0) {
            why.add(shared ? restartWords(fix.restart().word()) : "the user's computer " + clientRestartWords(fix.restart().word()));
        }
        if (fix.reducesSecurity()) {
            derived += value(settings.reducesSecurity());
            why.add("lowers security for a while");
        }
        if (shared && "fix".equals(fix.kind())) {
            // Any change to a machine others depend on has a price of its own: a change record, a
            // second pair of eyes, and the chance of a side effect nobody foresaw.
            double change = value(settings.sharedChange());
            if (change > 0) {
                derived += change;
                why.add("changes a machine others depend on");
            }
        }
        double risk = value(settings.collateralRisk().get(fix.collateralRisk().word()));
        if (risk > 0) {
            derived += risk;
            why.add(fix.collateralRisk() + " risk of damage beyond Remote Desktop");
        }
        return new Cost(minutes, derived, why);
    }

    /**
     * The disruption the defaults give the fix's restart alone: on the host or a gateway it ends
     * everyone's sessions ({@code restart}), on the user's own computer one person's work
     * ({@code clientRestart}).
     */
    public double restartDisruption(Fix fix) {
        return value((sharedRestart(fix) ? settings.restart() : settings.clientRestart()).get(fix.restart().word()));
    }

    /** Whether the fix restarts a machine others share, rather than the user's own computer. */
    public static boolean sharedRestart(Fix fix) {
        return fix.runsOn() != Place.CLIENT;
    }

    public Cost of(Check check) {
        double minutes = check.minutes() != null ? check.minutes() : settings.checkMinutes().getOrDefault(check.cost(), 10.0);
        double derived = check.changesHost() ? value(settings.changesHost()) : 0;
        List<String> why = check.changesHost() ? List.of("changes the host") : List.of();
        return new Cost(minutes, check.disruption() != null ? check.disruption() : derived, why);
    }

    /** A question costs what finding out its answer costs: its own minutes, else its check's, else the default. */
    public Cost of(Question question, Check checkOrNull) {
        if (question.minutes() != null) {
            return new Cost(question.minutes(), 0, List.of());
        }
        if (checkOrNull != null) {
            return of(checkOrNull);
        }
        return new Cost(value(settings.questionMinutes()), 0, List.of());
    }

    /** The chance that the fix ends the failure when its cause is present. */
    public double resolves(Fix fix) {
        return fix.resolves() != null ? fix.resolves() : settings.fixResolves() == null ? 0.8 : settings.fixResolves();
    }

    /** Minutes of handing the case on when no step ended the failure. */
    public double escalation() {
        return settings.escalation() == null ? 240 : settings.escalation();
    }

    /** The weight of "no cause the knowledge base knows", against the known causes' weights. */
    public double noKnownCause() {
        return settings.noKnownCause() == null ? 0.05 : settings.noKnownCause();
    }

    private static double value(Double d) {
        return d == null ? 0 : d;
    }

    private static String clientRestartWords(String restart) {
        return switch (restart) {
            case "reboot" -> "restarts";
            case "service" -> "restarts a service";
            case "policy-refresh" -> "refreshes its policy";
            default -> "reconnects";
        };
    }

    private static String restartWords(String restart) {
        return switch (restart) {
            case "reboot" -> "a reboot ends every session on the host";
            case "service" -> "a service restart ends every session on the host";
            case "policy-refresh" -> "a policy refresh";
            case "reconnect" -> "the user reconnects";
            default -> restart;
        };
    }
}
