package org.rdpdiag.facts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/** Collects the problems of one file; reports them in file order and at most {@link #LIMIT} of them. */
final class Problems {
    /** Beyond this many, more messages only bury the first ones (think of a pasted log file). */
    static final int LIMIT = 100;

    /** A problem whose suggestion is worked out only if the problem is shown (edit distances cost). */
    private record Pending(Located.Pos pos, String message, Supplier<String> suggestion) {}

    private final String file;
    /** Lines before the text being read: a record of a larger file starts at line {@code lineOffset + 1}. */
    private final int lineOffset;
    private final List<Pending> found = new ArrayList<>();

    Problems(String file) {
        this(file, 0);
    }

    Problems(String file, int lineOffset) {
        this.file = file;
        this.lineOffset = lineOffset;
    }

    String file() {
        return file;
    }

    /** The line of {@code pos} in the file the user edits (messages that cite a line use this). */
    int line(Located.Pos pos) {
        return pos.line() + lineOffset;
    }

    void add(Located.Pos pos, String message) {
        add(pos, message, (String) null);
    }

    void add(Located.Pos pos, String message, String suggestion) {
        found.add(new Pending(pos, message, () -> suggestion));
    }

    void add(Located.Pos pos, String message, Supplier<String> suggestion) {
        found.add(new Pending(pos, message, suggestion));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws the problems found so far, if there are any. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new FactsException(sorted());
        }
    }

    /** The problems found so far (there must be some), naming the facts' own id when known. */
    FactsException exception(String id) {
        return new FactsException(sorted(), id);
    }

    List<FactsProblem> sorted() {
        List<Pending> all = new ArrayList<>(found);
        all.sort(Comparator.comparingInt((Pending p) -> p.pos().line()).thenComparingInt(p -> p.pos().column()));
        List<FactsProblem> shown = new ArrayList<>();
        for (Pending p : all.subList(0, Math.min(LIMIT, all.size()))) {
            shown.add(new FactsProblem(file, line(p.pos()), p.pos().column(), p.message(), p.suggestion().get()));
        }
        if (all.size() > LIMIT) {
            Located.Pos next = all.get(LIMIT).pos();
            shown.add(new FactsProblem(file, line(next), next.column(),
                    (all.size() - LIMIT) + " more problems not shown", null));
        }
        return shown;
    }

    /** A file that cannot be read or parsed at all: one problem, nothing else is meaningful. */
    FactsException fatal(Located.Pos pos, String message, String suggestion) {
        return new FactsException(List.of(new FactsProblem(file, line(pos), pos.column(), message, suggestion)));
    }

    FactsException fatal(Located.Pos pos, String message) {
        return fatal(pos, message, null);
    }
}
