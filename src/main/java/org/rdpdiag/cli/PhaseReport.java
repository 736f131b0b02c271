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
        err.flush();
    }

    private static void line(PrintWriter err, double from, double took, String thread, String name) {
        err.printf(Locale.ROOT, "  %7.1f %7.1f  %-22s %s%n", from, took, thread, name);
    }
}
