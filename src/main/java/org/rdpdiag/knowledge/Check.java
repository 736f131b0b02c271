package org.rdpdiag.knowledge;

import java.util.List;
import java.util.Map;

/**
 * A way to find out observations that are still unknown.
 *
 * @param cost    1 (one quick command) .. 5 (needs a maintenance window or another team)
 * @param decides the fact paths the check fills in
 * @param appliesWhen observations the check needs ({@code host.azureVm: true}); see {@link Applicability}
 * @param changesHost true when running the check changes the host (deleting a certificate to see
 *                    whether Windows recreates it): such a check never comes before a safe fix
 * @param minutes     an engineer's minutes to carry it out; null: the default for its {@code cost}
 * @param disruption  what it costs the users, in minutes; null: derived ({@link Costs})
 */
public record Check(
        String id,
        String title,
        Place runsOn,
        String explanation,
        List<String> steps,
        List<String> commands,
        int cost,
        List<String> decides,
        List<Source> sources,
        Map<String, Object> appliesWhen,
        boolean changesHost,
        Double minutes,
        Double disruption) implements java.io.Serializable {

    public Check {
        steps = steps == null ? List.of() : List.copyOf(steps);
        commands = commands == null ? List.of() : List.copyOf(commands);
        decides = decides == null ? List.of() : List.copyOf(decides);
        sources = sources == null ? List.of() : List.copyOf(sources);
        appliesWhen = appliesWhen == null ? Map.of() : Map.copyOf(appliesWhen);
    }
}
