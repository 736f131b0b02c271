package org.rdpdiag.cli;

import org.kie.api.runtime.KieSession;

/** A command reaching into Drools, on purpose, for {@code ArchitectureTest} to catch. Test code only. */
public final class PlantedDroolsUse {
    private PlantedDroolsUse() {}

    public static long facts(KieSession session) {
        return session.getFactCount();
    }
}
