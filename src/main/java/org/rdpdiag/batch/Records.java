package org.rdpdiag.batch;

import java.util.List;
import java.util.Locale;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsProblem;

/** What the sources share: default ids, and records that only carry a problem. */
final class Records {
    private Records() {}

    /** A record that could not be cut out of its input; reading it reports where and why. */
    static SourceRecord broken(String file, int line, int column, int number, String defaultId, long consumed,
            String message, String suggestion) {
        FactsException problem = new FactsException(List.of(new FactsProblem(file, line, column, message, suggestion)));
        return new SourceRecord(file, line, number, defaultId, consumed, () -> {
            throw problem;
        });
    }

    /** {@code exports/fleet.jsonl} gives {@code fleet}: the stem of default ids ({@code fleet#12}). */
    static String stem(String file) {
        if (file.equals(Inputs.STDIN)) {
            return "stdin";
        }
        String last = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        int dot = last.lastIndexOf('.');
        String stem = dot > 0 ? last.substring(0, dot) : last;
        return stem.isEmpty() ? "host" : stem;
    }

    static String defaultId(String stem, int number) {
        return stem + "#" + number;
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
