package org.rdpdiag.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rdpdiag.facts.HostFacts;

/**
 * Observations that cannot all hold at once, written as knowledge: when every side is known to
 * hold, at least one of the readings is wrong (stale, misread, or made on another machine), so no
 * cause may be settled on any of them until they are read again.
 *
 * @param sides  each side is a set of conditions, as an {@code appliesWhen}; the contradiction holds
 *               when every side is known to hold
 * @param reason one sentence for the report: why they cannot all hold
 */
public record Contradiction(String id, String title, List<Map<String, Object>> sides, String reason, List<Source> sources) implements java.io.Serializable {

    public Contradiction {
        sides = sides == null ? List.of() : sides.stream().map(s -> s == null ? Map.<String, Object>of() : Map.copyOf(s)).toList();
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** True when every side is known and holds; an unknown observation never makes a contradiction. */
    public boolean holds(HostFacts facts) {
        if (sides.size() < 2) {
            return false;
        }
        for (Map<String, Object> side : sides) {
            if (side.isEmpty() || !Applicability.fits(side, facts) || !Applicability.unknownConditions(side, facts).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The observations the contradiction names, side by side, in the order written. */
    public Set<String> paths() {
        Set<String> out = new LinkedHashSet<>();
        sides.forEach(s -> s.keySet().stream().sorted().forEach(out::add));
        return out;
    }

    /** The readings that clash, as "path = value" per side, joined: what the report shows. */
    public String readings(HostFacts facts) {
        List<String> parts = new ArrayList<>();
        for (Map<String, Object> side : sides) {
            parts.add(String.join(" and ", side.keySet().stream().sorted()
                    .map(p -> p + " = " + facts.value(p)).toList()));
        }
        return String.join(" against ", parts);
    }
}
