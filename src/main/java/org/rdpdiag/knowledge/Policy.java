package org.rdpdiag.knowledge;

import java.util.List;
import java.util.Map;
import org.rdpdiag.facts.HostFacts;

/**
 * A rule of conduct for plans, written as knowledge: while its {@code when} observations are
 * known to hold, no step that changes the places named in {@code withholdChangesOn} is offered
 * (a fix that runs there, or a check there that changes the host), and with
 * {@code withholdLoweringSecurity} no fix that lowers security, wherever it runs.
 *
 * @param withholdLoweringSecurity whether every fix that lowers security is withheld too: where a
 *                                 host is exposed, trading its security for a test is no longer
 *                                 the engineer's call
 * @param reason one sentence for the report: why those steps are left out
 */
public record Policy(String id, String title, Map<String, Object> when, List<Place> withholdChangesOn,
        boolean withholdLoweringSecurity, String reason, List<Source> sources) implements java.io.Serializable {

    public Policy {
        when = when == null ? Map.of() : Map.copyOf(when);
        withholdChangesOn = withholdChangesOn == null ? List.of() : List.copyOf(withholdChangesOn);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** True when every condition is known and holds; an unknown observation never triggers a policy. */
    public boolean holds(HostFacts facts) {
        return !when.isEmpty() && Applicability.fits(when, facts) && Applicability.unknownConditions(when, facts).isEmpty();
    }

    public boolean withholds(Fix fix) {
        return withholdChangesOn.contains(fix.runsOn()) || (withholdLoweringSecurity && fix.reducesSecurity());
    }

    public boolean withholds(Check check) {
        return check.changesHost() && withholdChangesOn.contains(check.runsOn());
    }
}
