package org.rdpdiag.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Tried;
import org.rdpdiag.facts.TriedOutcome;
import org.rdpdiag.knowledge.Catalog;
import org.rdpdiag.knowledge.Contradiction;
import org.rdpdiag.knowledge.Fix;

/**
 * Tells a stale reading from a contradiction. Where the facts say which observations were read
 * again after the last change ({@link HostFacts#rechecked()}), a reading made before it is set
 * aside when a step tried since changes what it observes ({@link Fix#changes()}), or when a
 * reading re-checked since cannot hold with it (a declared {@link Contradiction}). The diagnosis
 * then stands on what is current, the report names what was set aside and why, and the plan and
 * the interview may ask for it again. Readings of the same age that cannot hold together stay a
 * contradiction: nothing says which one is wrong.
 */
public final class StaleReadings {
    private final Catalog catalog;

    public StaleReadings(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * One reading set aside as stale.
     *
     * @param path   the observation
     * @param value  what it said before the last change
     * @param reason one sentence for the report: why it no longer counts
     */
    public record StaleReading(String path, Object value, String reason) {}

    /**
     * The facts a diagnosis stands on.
     *
     * @param facts    the facts given, without the stale readings
     * @param setAside the stale readings, in the order found; empty when there are none
     */
    public record Current(HostFacts facts, List<StaleReading> setAside) {}

    public Current current(HostFacts given) {
        if (given.rechecked() == null) {
            return new Current(given, List.of());
        }
        Map<String, StaleReading> stale = new LinkedHashMap<>();
        for (Tried t : given.tried()) {
            if (t.outcome() != TriedOutcome.STILL_FAILS) {
                continue;
            }
            Fix fix = catalog.fix(t.step()).orElse(null);
            for (String path : fix == null ? List.<String>of() : fix.changes()) {
                if (given.readBeforeLastChange(path) && !stale.containsKey(path)) {
                    stale.put(path, new StaleReading(path, given.value(path), "read before the last change and not since;"
                            + " " + t.step() + ", which was tried, changes it: read it again"));
                }
            }
        }
        HostFacts facts = given.without(stale.keySet());
        for (Contradiction k : catalog.contradictions()) {
            if (!k.holds(facts)) {
                continue;
            }
            HostFacts now = facts;
            List<String> fresh = new ArrayList<>();
            Set<String> old = new LinkedHashSet<>();
            for (Map<String, Object> side : k.sides()) {
                List<String> before = side.keySet().stream().sorted().filter(now::readBeforeLastChange).toList();
                if (before.isEmpty()) {
                    side.keySet().stream().sorted().forEach(p -> fresh.add(p + " = " + now.value(p)));
                } else {
                    old.addAll(before);
                }
            }
            if (fresh.isEmpty() || old.isEmpty()) {
                continue;
            }
            for (String path : old) {
                stale.put(path, new StaleReading(path, facts.value(path), "read before the last change, while "
                        + String.join(" and ", fresh) + ", re-checked since, cannot hold with it (" + k.reason()
                        + "): the newer reading stands (" + k.id() + ")"));
            }
            facts = facts.without(old);
        }
        return new Current(facts, List.copyOf(stale.values()));
    }
}
