package org.rdpdiag.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.rdpdiag.batch.BatchListener;
import org.rdpdiag.batch.Progress;

/**
 * Draws a batch run's progress on standard error: a bar redrawn in place (hosts done, rate, time
 * left), at most a few times a second. Only used when standard error is a terminal.
 */
final class ProgressDisplay implements BatchListener {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 24;

    private final PrintWriter err;
    private long lastDraw;
    private int drawnLength;

    ProgressDisplay(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void started(Progress start) {
        if (start.skipped() > 0) {
            err.println("resuming after " + number(start.skipped()) + " records already written");
        }
        draw(start);
    }

    @Override
    public void progress(Progress now) {
        long t = System.nanoTime();
        if (t - lastDraw >= REDRAW_NANOS) {
            lastDraw = t;
            draw(now);
        }
    }

    /** Clears the bar so that the summary line starts on a clean line. */
    void clear() {
        if (drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            err.flush();
            drawnLength = 0;
        }
    }

    private void draw(Progress p) {
        String line = line(p);
        err.print("\r" + line + (line.length() < drawnLength ? " ".repeat(drawnLength - line.length()) : ""));
        err.flush();
        drawnLength = line.length();
    }

    /** The bar: {@code [#######.......]  41%  412,000 hosts  18,250/s  0:32 left  3 invalid}. */
    static String line(Progress p) {
        StringBuilder s = new StringBuilder();
        if (p.fraction().isPresent()) {
            double f = p.fraction().getAsDouble();
            int filled = (int) Math.round(f * WIDTH);
            s.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%", Math.round(f * 100))).append("  ");
        }
        s.append(number(p.done())).append(p.done() == 1 ? " host  " : " hosts  ");
        s.append(number(Math.round(p.rate()))).append("/s");
        p.secondsLeft().ifPresent(left -> s.append("  ").append(duration(left)).append(" left"));
        if (p.invalid() > 0) {
            s.append("  ").append(number(p.invalid())).append(" invalid");
        }
        if (p.failed() > 0) {
            s.append("  ").append(number(p.failed())).append(" failed");
        }
        return s.toString();
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String duration(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
