package org.rdpdiag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a cold run spends its time: the phases the product prints under
 * {@code -Drdpdiag.phases=true}, the median of several runs, and where the classes came from
 * (the class-data archive, the jar, the JDK's image, or generated while running), from the JVM's
 * class-loading log.
 */
public final class StartupBreakdown {
    /** One phase of one run, in milliseconds since its JVM started. */
    public record Phase(String name, String thread, double from, double took) {}

    /** Classes one JVM loaded, by where they came from. */
    public record Sources(int archive, int jar, int jdkImage, int generated) {
        public int total() {
            return archive + jar + jdkImage + generated;
        }

        public String line() {
            return String.format(Locale.ROOT, "%d classes: %d from a class-data archive, %d from the jar, %d from the JDK "
                    + "image, %d generated at run time", total(), archive, jar, jdkImage, generated);
        }
    }

    private StartupBreakdown() {}

    /**
     * The phases in what a run printed on standard error: the lines under "phases", in columns
     * from, took, thread and phase (the thread may be blank, and holds no space).
     */
    public static List<Phase> parse(String stderr) {
        List<Phase> out = new ArrayList<>();
        boolean in = false;
        for (String line : stderr.lines().toList()) {
            if (line.startsWith("phases (")) {
                in = true;
                continue;
            }
            if (!in || line.length() < 20 || !Character.isDigit(line.charAt(8))) {
                continue;
            }
            // The thread column is padded, not cut, so a long thread name pushes the phase along.
            String rest = line.substring(19);
            String thread = rest.startsWith(" ") ? "" : rest.split(" ", 2)[0];
            out.add(new Phase(rest.substring(thread.length()).strip(), thread,
                    Double.parseDouble(line.substring(2, 9).strip()), Double.parseDouble(line.substring(10, 17).strip())));
        }
        return out;
    }

    /** The archive line of a run's report ({@code class-data archive: PATH (in use)}), or "unknown". */
    public static String archive(String stderr) {
        return stderr.lines().filter(l -> l.strip().startsWith("class-data archive:"))
                .map(l -> l.strip().substring("class-data archive:".length()).strip()).findFirst().orElse("unknown");
    }

    /**
     * The median of each phase over several runs, in the order of the first run. Worker threads
     * are numbered in the order they start, which varies, so a phase is known by its name alone.
     */
    public static List<Phase> medians(List<List<Phase>> runs) {
        Map<String, List<Phase>> byName = new LinkedHashMap<>();
        for (List<Phase> run : runs) {
            for (Phase p : run) {
                byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
            }
        }
        List<Phase> out = new ArrayList<>();
        byName.forEach((name, list) -> out.add(new Phase(name, list.get(0).thread(),
                median(list.stream().mapToDouble(Phase::from).toArray()), median(list.stream().mapToDouble(Phase::took).toArray()))));
        // By start, the total (the one line without a thread) last.
        out.sort(java.util.Comparator.comparing((Phase p) -> p.thread().isEmpty()).thenComparingDouble(Phase::from));
        return out;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Counts one JVM's class-loading log ({@code -Xlog:class+load=info}) by the source of each class. */
    public static Sources sources(List<String> log) {
        int archive = 0;
        int jar = 0;
        int image = 0;
        int generated = 0;
        for (String line : log) {
            int at = line.indexOf(" source: ");
            if (at < 0) {
                continue;
            }
            String source = line.substring(at + " source: ".length());
            if (source.startsWith("shared objects file")) {
                archive++;
            } else if (source.startsWith("jrt:/")) {
                image++;
            } else if (source.startsWith("file:") && source.endsWith(".jar")) {
                jar++;
            } else {
                generated++;
            }
        }
        return new Sources(archive, jar, image, generated);
    }

    /** The class-loading logs of a folder, one per JVM, the largest (the relaunched JVM) first. */
    public static List<Sources> sourcesIn(Path dir) throws IOException {
        List<Sources> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                out.add(sources(Files.readAllLines(f)));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Sources::total).reversed());
        return out;
    }

    /** The table of phases as the benchmark prints it. */
    public static List<String> table(List<Phase> phases) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "  %7s %7s  %-22s %s", "from", "took", "thread", "phase"));
        for (Phase p : phases) {
            out.add(String.format(Locale.ROOT, "  %7.1f %7.1f  %-22s %s", p.from(), p.took(), p.thread(), p.name()));
        }
        return out;
    }
}
