package org.rdpdiag.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.rdpdiag.timing.Phases;

/**
 * Prints the start-up steps kept under {@code -Drdpdiag.phases=true} on standard error, each as
 * milliseconds since the JVM started, so that the time before {@code main} shows too.
 */
final class PhaseReport {
    private PhaseReport() {}

    static void print(PrintWriter err, long mainNanos) {
        long now = System.nanoTime();
        // Read last, so that the management classes load after every step was timed.
        double uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        double origin = now / 1e6 - uptime;
        err.println("phases (ms since the JVM started):");
        err.printf(Locale.ROOT, "  %7s %7s  %-22s %s%n", "from", "took", "thread", "phase");
        line(err, 0, mainNanos / 1e6 - origin, "main", "JVM start to main");
        for (Phases.Span s : Phases.spans()) {
            line(err, s.startNanos() / 1e6 - origin, s.millis(), s.thread(), s.name());
        }
        line(err, 0, uptime, "", "total, to the end of main");
        err.printf(Locale.ROOT, "  classes loaded: %d%n", ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        err.println("  class-data archive: " + archive());
        err.flush();
    }

    /**
     * The archive the JVM was given and whether it took it: a JVM that refuses the archive it is
     * given starts without any, and says so only in {@code java.vm.info}.
     */
    static String archive() {
        String given = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .getVMOption("SharedArchiveFile").getValue();
        boolean sharing = System.getProperty("java.vm.info", "").contains("sharing");
        if (given == null || given.isEmpty()) {
            return sharing ? "the JDK's own only" : "none";
        }
        return given + (sharing ? " (in use)" : " (refused)");
    }

    private static void line(PrintWriter err, double from, double took, String thread, String name) {
        err.printf(Locale.ROOT, "  %7.1f %7.1f  %-22s %s%n", from, took, thread, name);
    }
}
