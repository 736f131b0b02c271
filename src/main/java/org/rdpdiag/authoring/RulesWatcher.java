package org.rdpdiag.authoring;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeSource;

/**
 * {@code rules watch}: checks and tests a rules folder once, then again after every save, and
 * hands each result to a listener. Editors save in bursts (write, rename, touch), so a cycle
 * starts only once the folder has been quiet for {@link #QUIET_MS}.
 */
public final class RulesWatcher implements AutoCloseable {
    /** How long the folder must stay quiet before a cycle starts. */
    static final long QUIET_MS = 80;

    /**
     * One check-and-test cycle.
     *
     * @param changed    the files whose change started it (empty for the first cycle)
     * @param lint       the check's result
     * @param run        the case library's result, or null when the rules do not load
     * @param flipped    cases whose verdict changed since the previous cycle: name to "now failing" or "now passing"
     * @param millis     from the first change seen to the result
     */
    public record Cycle(List<Path> changed, KnowledgeLint.Result lint, LibraryRun run, Map<String, String> flipped,
            long millis) {}

    private final Path dir;
    private final boolean interviews;
    private final WatchService watch;
    private Map<String, Boolean> lastVerdicts = Map.of();
    private final KnowledgeBaseLoader loader = KnowledgeBaseLoader.incremental();

    public RulesWatcher(Path dir, boolean interviews) throws IOException {
        this.dir = dir;
        this.interviews = interviews;
        this.watch = FileSystems.getDefault().newWatchService();
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path d : tree.filter(Files::isDirectory).toList()) {
                register(d);
            }
        }
        // Cases may take their facts from files elsewhere (../../facts/examples/...): a change
        // there changes the case, so their folders are watched too.
        for (Path d : factsFolders(dir)) {
            register(d);
        }
    }

    private static final java.util.regex.Pattern FACTS_FILE =
            java.util.regex.Pattern.compile("(?m)^factsFile\\s*:\\s*[\"']?([^\"'#\\r\\n]+?)[\"']?\\s*(#.*)?$");

    /** The folders outside {@code dir} that hold facts files the cases name. */
    static java.util.Set<Path> factsFolders(Path dir) throws IOException {
        java.util.Set<Path> out = new java.util.LinkedHashSet<>();
        Path cases = dir.resolve("cases");
        if (!Files.isDirectory(cases)) {
            return out;
        }
        Path root = dir.toAbsolutePath().normalize();
        try (Stream<Path> files = Files.list(cases)) {
            for (Path f : files.filter(RulesWatcher::relevant).toList()) {
                java.util.regex.Matcher m = FACTS_FILE.matcher(Files.readString(f));
                if (m.find()) {
                    Path folder = f.toAbsolutePath().getParent().resolve(m.group(1).strip()).normalize().getParent();
                    if (folder != null && Files.isDirectory(folder) && !folder.startsWith(root)) {
                        out.add(folder);
                    }
                }
            }
        }
        return out;
    }

    private void register(Path d) throws IOException {
        d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    /** Checks and tests the folder as it is now. */
    public Cycle cycle(List<Path> changed, long startNanos) {
        // Only the rule files that changed are compiled again; the rest come from memory.
        KnowledgeLint.Result lint = KnowledgeLint.check(KnowledgeSource.directory(dir), loader);
        LibraryRun run = lint.knowledgeBase() == null ? null : LibraryRun.run(lint.knowledgeBase(), dir, interviews);
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        Map<String, String> flipped = new LinkedHashMap<>();
        if (run != null) {
            run.outcomes().forEach(o -> verdicts.put(o.spec().name(), o.passed()));
            verdicts.forEach((name, passed) -> {
                Boolean before = lastVerdicts.get(name);
                if (before != null && before != passed) {
                    flipped.put(name, passed ? "now passing" : "now failing");
                }
            });
            lastVerdicts = verdicts;
        }
        return new Cycle(List.copyOf(changed), lint, run, flipped, (System.nanoTime() - startNanos) / 1_000_000);
    }

    /**
     * Runs a first cycle, then one per burst of changes, until the thread is interrupted or the
     * watcher is closed.
     */
    public void run(Consumer<Cycle> listener) throws InterruptedException {
        listener.accept(cycle(List.of(), System.nanoTime()));
        while (!Thread.currentThread().isInterrupted()) {
            WatchKey key;
            try {
                key = watch.take();
            } catch (ClosedWatchServiceException e) {
                return;
            }
            long start = System.nanoTime();
            java.util.Set<Path> changed = new java.util.LinkedHashSet<>();
            collect(key, changed);
            // Drain the burst: keep collecting until nothing arrives for QUIET_MS.
            while (true) {
                WatchKey more;
                try {
                    more = watch.poll(QUIET_MS, TimeUnit.MILLISECONDS);
                } catch (ClosedWatchServiceException e) {
                    return;
                }
                if (more == null) {
                    break;
                }
                collect(more, changed);
            }
            changed.removeIf(p -> !relevant(p));
            if (!changed.isEmpty()) {
                listener.accept(cycle(List.copyOf(changed), start));
            }
        }
    }

    private void collect(WatchKey key, java.util.Set<Path> into) {
        Path base = (Path) key.watchable();
        for (var event : key.pollEvents()) {
            if (event.context() instanceof Path p) {
                Path full = base.resolve(p);
                into.add(full);
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(full)) {
                    try {
                        register(full);
                    } catch (IOException e) {
                        // A folder that vanished again right away has nothing to watch.
                    }
                }
            }
        }
        key.reset();
    }

    /** Rule, catalogue, case and facts files; not editor backups, swap files or hidden files. */
    static boolean relevant(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && !name.endsWith("~")
                && (name.endsWith(".drl") || name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}
