package org.rdpdiag.knowledge;

import java.util.List;
import java.util.Map;

/**
 * One remediation action, with everything an administrator needs to run it safely.
 *
 * @param kind          {@code fix}, {@code escalate} or {@code prevent}
 * @param runsOn        {@code client}, {@code host}, {@code azure-portal}, {@code network-device}
 *                      or {@code gateway}
 * @param invasiveness  1 (a setting, no interruption) .. 5 (disruptive, hard to undo)
 * @param collateralRisk {@code none}, {@code low} or {@code high}: damage beyond Remote Desktop
 * @param restart       {@code none}, {@code reconnect}, {@code policy-refresh}, {@code service}
 *                      or {@code reboot}
 * @param appliesWhen   observations the fix needs ({@code host.azureVm: true}); see {@link Applicability}
 * @param minutes       an engineer's minutes to carry it out; null: the default for its invasiveness
 *                      ({@link Costs})
 * @param disruption    what it costs the users, in minutes of an engineer's time; null: derived
 *                      from its restart, security and collateral risk ({@link Costs})
 * @param resolves      the chance that it ends the failure when its cause is present; null: the default
 * @param changes       observations that carrying it out changes ({@code host.termServiceState} for
 *                      starting the service): a reading of one made before the fix was tried is stale
 */
public record Fix(
        String id,
        String kind,
        String title,
        String explanation,
        List<Source> sources,
        ClaimStatus claimStatus,
        Place runsOn,
        List<String> steps,
        List<String> commands,
        int invasiveness,
        boolean reducesSecurity,
        CollateralRisk collateralRisk,
        Restart restart,
        String restartDetail,
        Rollback rollback,
        List<String> verify,
        String warning,
        Map<String, Object> appliesWhen,
        Double minutes,
        Double disruption,
        Double resolves,
        List<String> changes) implements java.io.Serializable {

    public Fix {
        kind = kind == null ? "fix" : kind;
        sources = sources == null ? List.of() : List.copyOf(sources);
        steps = steps == null ? List.of() : List.copyOf(steps);
        commands = commands == null ? List.of() : List.copyOf(commands);
        verify = verify == null ? List.of() : List.copyOf(verify);
        collateralRisk = collateralRisk == null ? CollateralRisk.NONE : collateralRisk;
        restart = restart == null ? Restart.NONE : restart;
        appliesWhen = appliesWhen == null ? Map.of() : Map.copyOf(appliesWhen);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /** Risky fixes lower security or can damage more than Remote Desktop. */
    public boolean risky() {
        return reducesSecurity || collateralRisk == CollateralRisk.HIGH;
    }

    /** How to undo a fix. */
    public record Rollback(String title, List<String> steps, List<String> commands) implements java.io.Serializable {
        public Rollback {
            steps = steps == null ? List.of() : List.copyOf(steps);
            commands = commands == null ? List.of() : List.copyOf(commands);
        }
    }
}
