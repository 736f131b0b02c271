package org.rdpdiag.timing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The start-up steps of one run, each with its thread, start and duration. Switched on by the
 * system property {@value #PROPERTY}; off, {@link #start()} and {@link #end} do nothing.
 */
public final class Phases {
    public static final String PROPERTY = "rdpdiag.phases";
    private static final boolean ON = Boolean.getBoolean(PROPERTY);
    private static final ConcurrentLinkedQueue<Span> SPANS = new ConcurrentLinkedQueue<>();

    /** One step: {@code startNanos} and {@code endNanos} are {@link System#nanoTime()} readings. */
    public record Span(String name, String thread, long startNanos, long endNanos) {
        public double millis() {
            return (endNanos - startNanos) / 1e6;
        }
    }

    private Phases() {}

    public static boolean enabled() {
        return ON;
    }

    /** A reading to hand to {@link #end}; zero when the marks are off. */
    public static long start() {
        return ON ? System.nanoTime() : 0;
    }

    /** Keeps the span from {@code start} (a {@link #start()} reading) to now. */
    public static void end(String name, long start) {
        if (ON) {
            SPANS.add(new Span(name, Thread.currentThread().getName(), start, System.nanoTime()));
        }
    }

    /** The spans kept so far, by their start. */
    public static List<Span> spans() {
        List<Span> out = new ArrayList<>(SPANS);
        out.sort(Comparator.comparingLong(Span::startNanos));
        return out;
    }
}
