package org.rdpdiag.knowledge;

import org.rdpdiag.engine.Evidence;

/**
 * Breaks the layering on purpose, for {@code ArchitectureTest} to catch: knowledge using engine
 * (which uses knowledge, so a cycle too) and printing. Test code only; never called.
 */
public final class PlantedViolation {
    private PlantedViolation() {}

    public static void show(Evidence e) {
        System.out.println(e.cause());
    }
}
