package org.rdpdiag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.rdpdiag.authoring.RulesWatcher;

/**
 * The author's turnaround under {@code rules watch}: from saving a file to the check and test
 * results, for the whole case library. Works on a copy of the rules folder, saves a rule file
 * (or a case file) the way an editor does, and times until the watcher's round is done.
 */
public final class WatchBenchmark {
    /** Turnarounds in milliseconds, per kind of edit, in run order. */
    public record Result(List<Long> ruleEdits, List<Long> caseEdits, int cases, int rules) {}

    private WatchBenchmark() {}

    public static Result run(Path rulesDir, int runs) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory("rdpdiag-watch-bench");
        Path copy = root.resolve("rules");
        try {
            Folders.copyTree(rulesDir, copy);
            // Cases may name facts files beside the rules folder (../../facts/examples/...).
            Path facts = rulesDir.toAbsolutePath().normalize().getParent().resolve("facts");
            if (Files.isDirectory(facts)) {
                Files.createSymbolicLink(root.resolve("facts"), facts);
            }
            List<Path> drl;
            try (Stream<Path> s = Files.list(copy)) {
                drl = s.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
            }
            Path caseFile;
            try (Stream<Path> s = Files.list(copy.resolve("cases"))) {
                caseFile = s.filter(p -> p.toString().endsWith(".yaml")).sorted().findFirst().orElseThrow();
            }
            LinkedBlockingQueue<RulesWatcher.Cycle> rounds = new LinkedBlockingQueue<>();
            try (RulesWatcher watcher = new RulesWatcher(copy, false)) {
                Thread t = new Thread(() -> {
                    try {
                        watcher.run(rounds::add);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "rules-watch");
                t.setDaemon(true);
                t.start();
                RulesWatcher.Cycle first = take(rounds);
                int cases = first.run() == null ? 0 : first.run().outcomes().size();
                int rules = first.lint().knowledgeBase() == null ? 0 : first.lint().knowledgeBase().rules().size();
                // Warm-up: the first rounds after start-up pay for class loading and the JIT.
                for (int i = 0; i < 3; i++) {
                    save(drl.get(i % drl.size()), rounds);
                }
                List<Long> ruleEdits = new ArrayList<>();
                List<Long> caseEdits = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    ruleEdits.add(save(drl.get(i % drl.size()), rounds));
                    caseEdits.add(save(caseFile, rounds));
                }
                t.interrupt();
                return new Result(ruleEdits, caseEdits, cases, rules);
            }
        } finally {
            Files.deleteIfExists(root.resolve("facts"));
            Folders.deleteTree(root);
        }
    }

    /** Appends a comment line (what a save of a real edit does to the watcher) and waits for the round. */
    private static long save(Path file, LinkedBlockingQueue<RulesWatcher.Cycle> rounds) throws IOException, InterruptedException {
        String comment = file.toString().endsWith(".drl") ? "// edited\n" : "# edited\n";
        long start = System.nanoTime();
        Files.writeString(file, Files.readString(file) + comment);
        take(rounds);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static RulesWatcher.Cycle take(LinkedBlockingQueue<RulesWatcher.Cycle> rounds) throws InterruptedException {
        RulesWatcher.Cycle c = rounds.poll(120, TimeUnit.SECONDS);
        if (c == null) {
            throw new IllegalStateException("the watcher did not answer a save within 120 s");
        }
        return c;
    }

    public static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
