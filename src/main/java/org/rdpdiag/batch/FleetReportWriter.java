package org.rdpdiag.batch;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactsProblem;
import org.rdpdiag.knowledge.Catalog;

/**
 * Builds the fleet report from its staging file, with memory that does not depend on the number
 * of hosts. During the run every record adds one staging line (its JSON result line, a tab, its
 * section as the {@link FleetRenderer} wrote it), in step with the main output, so an interrupted
 * run can be resumed with its report. At the end, one pass counts the hosts into a
 * {@link FleetSummary} and sorts them into per-cause lists on disk, and a second copies the host
 * sections into the page.
 */
final class FleetReportWriter {
    private FleetReportWriter() {}

    /** The staging line of one record. */
    static String stagingLine(String jsonLine, String section) {
        return jsonLine + "\t" + section + "\n";
    }

    /** Where a report's staging file lives while the run goes on (next to the report, so resuming finds it). */
    static Path stagingFile(Path report) {
        return report.resolveSibling(report.getFileName() + ".part");
    }

    /**
     * Writes the report from the staging file, then deletes the staging file.
     *
     * @param catalog the knowledge base's catalogue: its causes, in order, make the rows of the summary
     */
    static void assemble(FleetRenderer renderer, Path staging, Path report, Catalog catalog, List<String> inputs,
            String knowledge, String generated) throws IOException {
        Map<String, String> causeTitles = new LinkedHashMap<>();
        catalog.causes().forEach(c -> causeTitles.put(c.id(), c.title()));
        Set<String> steps = new LinkedHashSet<>();
        Path dir = report.toAbsolutePath().getParent();
        Path work = Files.createTempDirectory(dir, ".rdpdiag-report-");
        Map<String, CauseTally> counts = new LinkedHashMap<>();
        causeTitles.keySet().forEach(id -> counts.put(id, CauseTally.NONE));
        Map<String, Writer> causeHosts = new HashMap<>();
        Map<String, Path> causeFiles = new HashMap<>();
        long hosts = 0;
        long diagnosed = 0;
        long invalid = 0;
        long failed = 0;
        long undetermined = 0;
        try {
            try (BufferedReader in = Files.newBufferedReader(staging, StandardCharsets.UTF_8);
                    Writer problems = Files.newBufferedWriter(work.resolve("problems"), StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    int tab = line.indexOf('\t');
                    HostResult r = ResultLines.parse(tab < 0 ? line : line.substring(0, tab));
                    hosts++;
                    if (r.outcome() != HostResult.Outcome.DIAGNOSED) {
                        if (r.outcome() == HostResult.Outcome.INVALID) {
                            invalid++;
                        } else {
                            failed++;
                        }
                        FactsProblem first = r.problems().isEmpty() ? null : r.problems().get(0);
                        problems.write(renderer.problemRow(new FleetRenderer.ProblemRow(r.index(), r.id(), r.file() + ":" + r.line(),
                                first == null ? r.outcome().word() : first.message()
                                        + (first.suggestion() == null ? "" : " (" + first.suggestion() + ")")
                                        + (r.problems().size() > 1 ? " (and " + (r.problems().size() - 1) + " more)" : ""))));
                        continue;
                    }
                    diagnosed++;
                    steps.addAll(r.plan());
                    HostResult.RankedCause lead = r.leading();
                    if (lead == null) {
                        undetermined++;
                    } else {
                        counts.merge(lead.id(), CauseTally.LEADING, CauseTally::plus);
                    }
                    for (HostResult.RankedCause c : r.causes()) {
                        CauseTally seen = c.status() == Status.CONFIRMED ? CauseTally.CONFIRMED
                                : c.status() == Status.LIKELY ? CauseTally.LIKELY : null;
                        if (seen != null) {
                            counts.merge(c.id(), seen, CauseTally::plus);
                            Writer w = causeHosts.get(c.id());
                            if (w == null) {
                                Path f = work.resolve("cause-" + causeFiles.size());
                                w = Files.newBufferedWriter(f, StandardCharsets.UTF_8);
                                causeHosts.put(c.id(), w);
                                causeFiles.put(c.id(), f);
                            }
                            w.write(renderer.causeHost(new FleetRenderer.CauseHost(r.index(), r.id(), c.status().word(), c.confidence())));
                        }
                    }
                    for (String id : r.ruledOut()) {
                        counts.merge(id, CauseTally.RULED_OUT, CauseTally::plus);
                    }
                }
            } finally {
                for (Writer w : causeHosts.values()) {
                    w.close();
                }
            }
            List<FleetSummary.CauseRow> rows = new ArrayList<>();
            for (var e : counts.entrySet()) {
                CauseTally c = e.getValue();
                long possible = Math.max(0, diagnosed - c.confirmed() - c.likely() - c.ruledOut());
                rows.add(new FleetSummary.CauseRow(e.getKey(), causeTitles.getOrDefault(e.getKey(), e.getKey()),
                        c.confirmed(), c.likely(), possible, c.ruledOut(), c.leading()));
            }
            rows.sort(Comparator.comparingLong((FleetSummary.CauseRow r) -> -r.leading())
                    .thenComparingLong(r -> -(r.confirmed() + r.likely()))
                    .thenComparing(FleetSummary.CauseRow::id));
            FleetSummary summary = new FleetSummary(generated, inputs, hosts, diagnosed, invalid, failed,
                    undetermined, knowledge, rows, List.copyOf(steps));
            Path partial = report.resolveSibling(report.getFileName() + ".tmp");
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                renderer.page(summary, catalog, new FleetRenderer.Parts() {
                    @Override
                    public void causeHosts(String causeId, Writer w) throws IOException {
                        Path f = causeFiles.get(causeId);
                        if (f != null) {
                            copy(f, w);
                        }
                    }

                    @Override
                    public void problems(Writer w) throws IOException {
                        copy(work.resolve("problems"), w);
                    }

                    @Override
                    public void hosts(Writer w) throws IOException {
                        try (BufferedReader in = Files.newBufferedReader(staging, StandardCharsets.UTF_8)) {
                            for (String line = in.readLine(); line != null; line = in.readLine()) {
                                int tab = line.indexOf('\t');
                                if (tab >= 0) {
                                    w.write(line, tab + 1, line.length() - tab - 1);
                                    w.write('\n');
                                }
                            }
                        }
                    }
                }, out);
            }
            Files.move(partial, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(staging);
        } finally {
            try (Stream<Path> files = Files.list(work)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    /** How many hosts had a cause confirmed, likely, ruled out, or as their leader; "possible" is the rest. */
    private record CauseTally(long confirmed, long likely, long ruledOut, long leading) {
        static final CauseTally NONE = new CauseTally(0, 0, 0, 0);
        static final CauseTally CONFIRMED = new CauseTally(1, 0, 0, 0);
        static final CauseTally LIKELY = new CauseTally(0, 1, 0, 0);
        static final CauseTally RULED_OUT = new CauseTally(0, 0, 1, 0);
        static final CauseTally LEADING = new CauseTally(0, 0, 0, 1);

        CauseTally plus(CauseTally other) {
            return new CauseTally(confirmed + other.confirmed, likely + other.likely, ruledOut + other.ruledOut,
                    leading + other.leading);
        }
    }

    private static void copy(Path file, Writer out) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] buffer = new char[1 << 14];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        }
    }
}
