package org.rdpdiag.knowledge;

import java.util.Map;

/**
 * The defaults of the cost model, as written in the {@code costs:} section of one catalogue
 * file ({@code rules/costs.yaml}). Every figure is in minutes of an engineer's time, so that
 * time spent and harm done to users can be added up and compared; see {@link Costs}.
 *
 * @param checkMinutes   minutes of a check by its effort level ({@code cost: 1..5})
 * @param questionMinutes minutes of a question that names no check
 * @param fixMinutes     minutes of a fix by its invasiveness (1..5)
 * @param fixResolves    the chance that a fix ends the failure when its cause is present
 * @param restart        disruption by the restart a step needs on a shared machine (the host, a
 *                       gateway), {@code none} .. {@code reboot}
 * @param clientRestart  the same on the user's own computer, which ends one person's work only
 * @param collateralRisk disruption by collateral risk ({@code none}, {@code low}, {@code high})
 * @param reducesSecurity disruption of a step that lowers security for a while
 * @param changesHost    disruption of a check that changes the host
 * @param sharedChange   disruption of any fix that changes a machine others depend on (the host, a
 *                       gateway, a network device, the cloud portal's settings)
 * @param escalation     minutes of handing the case to another team when no step helped
 * @param noKnownCause   how plausible it is, against the known causes, that none of them is behind
 *                       the failure (the weight of a cause the knowledge base does not know)
 */
public record CostSettings(
        Map<Integer, Double> checkMinutes,
        Double questionMinutes,
        Map<Integer, Double> fixMinutes,
        Double fixResolves,
        Map<String, Double> restart,
        Map<String, Double> clientRestart,
        Map<String, Double> collateralRisk,
        Double reducesSecurity,
        Double changesHost,
        Double sharedChange,
        Double escalation,
        Double noKnownCause) implements java.io.Serializable {

    public CostSettings {
        checkMinutes = checkMinutes == null ? Map.of() : Map.copyOf(checkMinutes);
        fixMinutes = fixMinutes == null ? Map.of() : Map.copyOf(fixMinutes);
        restart = restart == null ? Map.of() : Map.copyOf(restart);
        clientRestart = clientRestart == null ? Map.of() : Map.copyOf(clientRestart);
        collateralRisk = collateralRisk == null ? Map.of() : Map.copyOf(collateralRisk);
    }
}
