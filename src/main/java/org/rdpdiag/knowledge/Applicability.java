package org.rdpdiag.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rdpdiag.facts.HostFacts;

/**
 * Whether a fix or check fits the host: an {@code appliesWhen} condition such as
 * {@code host.azureVm: true}, or a list of accepted values such as
 * {@code host.securityLayer: [rdp, negotiate]}, leaves a step out when the observation is known
 * to differ, and keeps it, with a note, while the observation is unknown. A list observation
 * ({@code host.eventIdsSeen}) fits when it holds one of the values.
 */
public final class Applicability {
    private Applicability() {}

    /** False when some condition is known to fail. */
    public static boolean fits(Map<String, Object> appliesWhen, HostFacts facts) {
        for (var e : appliesWhen.entrySet()) {
            Object actual = facts.value(e.getKey());
            if (actual != null && !same(actual, e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The conditions that cannot be checked yet because their observation is unknown. */
    public static List<String> unknownConditions(Map<String, Object> appliesWhen, HostFacts facts) {
        if (appliesWhen.isEmpty()) {
            // Most steps have no condition; plans ask this for every step of every host.
            return List.of();
        }
        return described(appliesWhen, path -> facts.value(path) == null);
    }

    /** Every condition, in words, as a catalogue document lists them. */
    public static List<String> conditions(Map<String, Object> appliesWhen) {
        return described(appliesWhen, path -> true);
    }

    private static List<String> described(Map<String, Object> appliesWhen, java.util.function.Predicate<String> shown) {
        List<String> out = new ArrayList<>();
        appliesWhen.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (shown.test(e.getKey())) {
                out.add(e.getKey() + (e.getValue() instanceof List<?> l
                        ? " is one of " + String.join(", ", l.stream().map(String::valueOf).toList())
                        : " is " + e.getValue()));
            }
        });
        return out;
    }

    /** The paths of the conditions whose observation is unknown. */
    public static java.util.Set<String> unknownConditionPaths(Map<String, Object> appliesWhen, HostFacts facts) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        appliesWhen.keySet().forEach(p -> {
            if (facts.value(p) == null) {
                out.add(p);
            }
        });
        return out;
    }

    private static boolean same(Object actual, Object wanted) {
        if (wanted instanceof List<?> anyOf) {
            return anyOf.stream().anyMatch(w -> same(actual, w));
        }
        // A list observation (the events seen) meets a wanted value when it holds it.
        if (actual instanceof List<?> items) {
            return items.stream().anyMatch(i -> same(i, wanted));
        }
        if (actual instanceof Number a && wanted instanceof Number w) {
            return a.doubleValue() == w.doubleValue();
        }
        return String.valueOf(actual).equals(String.valueOf(wanted));
    }
}
