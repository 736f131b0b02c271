package org.rdpdiag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.rdpdiag.collected.EvidenceReader;
import org.rdpdiag.collected.Importer;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.interview.Replay;

/**
 * How many questions the interview still asks once a host's evidence is imported: every host
 * file of a folder (with the client file of the same name, when there is one) is imported as
 * {@code rdpdiag import} does, and the interview is replayed from those facts with every question
 * answered "unknown", as {@code ask --evidence ... --answers none.yaml} does.
 */
final class ImportBenchmark {
    /** One host sample: its name, whether a client file joined it, the questions asked and how the interview ended. */
    record Row(String sample, boolean withClient, List<String> asked, String endReason, String leader) {}

    private final DiagnoseService service;

    ImportBenchmark(DiagnoseService service) {
        this.service = service;
    }

    /** The host files of {@code dir}, by name. */
    static List<Path> hostFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-host.json")).sorted().toList();
        }
    }

    Row run(Path host) {
        String name = host.getFileName().toString();
        String scenario = name.substring(0, name.length() - "-host.json".length());
        Path client = host.resolveSibling(scenario + "-client.json");
        List<EvidenceReader.Read> reads = new ArrayList<>();
        reads.add(EvidenceReader.read(host));
        if (Files.isRegularFile(client)) {
            reads.add(EvidenceReader.read(client));
        }
        HostFacts start = Importer.of(reads, service.knowledgeBase().vocabulary(), Importer.idOf(reads, scenario)).facts();
        Replay.Transcript t = Replay.run(service, start, HostFacts.unknown(start.vocabulary(), start.id()));
        List<String> asked = t.steps().stream().map(Replay.Step::fact).toList();
        String leader = InterviewBenchmark.leader(t.diagnosis().causes()).cause().id();
        return new Row(scenario, reads.size() == 2, asked, t.endReason(), leader);
    }

    static double median(List<Integer> values) {
        List<Integer> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    static List<String> lines(List<Row> rows, boolean perSample) {
        List<String> out = new ArrayList<>();
        if (perSample) {
            out.add(String.format(Locale.ROOT, "%-34s %6s %9s  %s", "host sample", "client", "questions", "facts asked / leading cause"));
            for (Row r : rows) {
                out.add(String.format(Locale.ROOT, "%-34s %6s %9d  %s / %s", r.sample(), r.withClient() ? "yes" : "no", r.asked().size(),
                        String.join(", ", r.asked()), r.leader()));
            }
        }
        List<Integer> counts = rows.stream().map(r -> r.asked().size()).toList();
        double mean = counts.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
        out.add(String.format(Locale.ROOT, "host samples: %d (%d with a client file); questions after the import: median %.1f, mean %.2f, "
                + "min %d, max %d", rows.size(), rows.stream().filter(Row::withClient).count(), median(counts), mean,
                counts.stream().mapToInt(Integer::intValue).min().orElse(0), counts.stream().mapToInt(Integer::intValue).max().orElse(0)));
        return out;
    }
}
