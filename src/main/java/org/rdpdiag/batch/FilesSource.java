package org.rdpdiag.batch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.Vocabulary;

/**
 * Facts files, one host each, read as {@code diagnose} reads them: a single file, or every
 * {@code .yaml}, {@code .yml} and {@code .json} file below a folder. Folders are walked in name
 * order, one folder's listing at a time, so the order is the same on every run (resuming relies
 * on it) and memory does not grow with the size of the tree. Hidden entries are skipped, and so
 * is anything in a folder that is not a regular file: a named pipe called {@code x.yaml} would
 * otherwise block the run for ever.
 */
final class FilesSource implements RecordSource {
    private final Deque<Iterator<Path>> stack = new ArrayDeque<>();
    private final Set<Path> excluded;
    private int number;
    private long consumed;

    private final Vocabulary vocabulary;

    private FilesSource(Set<Path> excluded, Vocabulary vocabulary) {
        this.excluded = excluded;
        this.vocabulary = vocabulary;
    }

    /**
     * @param excluded real paths never to read as records: the run's own outputs, which may lie
     *                 in the input folder
     */
    static FilesSource folder(Path dir, Set<Path> excluded, Vocabulary vocabulary) throws IOException {
        FilesSource s = new FilesSource(excluded, vocabulary);
        s.stack.push(s.sortedChildren(dir).iterator());
        return s;
    }

    static FilesSource file(Path file, Vocabulary vocabulary) {
        FilesSource s = new FilesSource(Set.of(), vocabulary);
        s.stack.push(List.of(file).iterator());
        return s;
    }

    /** The host evidence file a client evidence file goes with ({@code x-client.json} with {@code x-host.json}), or null. */
    private static Path hostPartner(Path p) {
        return partner(p, "client", "host");
    }

    private static Path clientPartner(Path p) {
        return partner(p, "host", "client");
    }

    private static Path partner(Path p, String from, String to) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        int at = name.toLowerCase(Locale.ROOT).lastIndexOf(from);
        if (at < 0 || !name.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return null;
        }
        return p.resolveSibling(name.substring(0, at) + to + name.substring(at + from.length()));
    }

    /** True for the names this source reads in a folder. */
    static boolean isFactsFile(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    @Override
    public SourceRecord next() throws IOException {
        while (!stack.isEmpty()) {
            Iterator<Path> top = stack.peek();
            if (!top.hasNext()) {
                stack.pop();
                continue;
            }
            Path p = top.next();
            if (Files.isDirectory(p)) {
                stack.push(sortedChildren(p).iterator());
                continue;
            }
            long size = Files.isRegularFile(p) ? Files.size(p) : 0;
            consumed += size;
            Path host = hostPartner(p);
            if (host != null && Files.isRegularFile(host) && EvidenceFiles.isEvidence(host) && EvidenceFiles.isEvidence(p)) {
                // Read with its host's evidence, as one connection.
                continue;
            }
            number++;
            String name = p.toString();
            Path client = clientPartner(p);
            return new SourceRecord(name, 1, number, Records.stem(name), consumed, () -> EvidenceFiles.isEvidence(p)
                    ? EvidenceFiles.facts(p, client != null && Files.isRegularFile(client) ? client : null, vocabulary, Records.stem(name))
                    : FactsReader.read(p, vocabulary));
        }
        return null;
    }

    private List<Path> sortedChildren(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && (Files.isDirectory(p) || (isFactsFile(p) && Files.isRegularFile(p)
                        && !isExcluded(p)))) {
                    out.add(p);
                }
            }
        }
        out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return out;
    }

    private boolean isExcluded(Path p) {
        if (excluded.isEmpty()) {
            return false;
        }
        try {
            return excluded.contains(p.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** The bytes of every file this source would read below {@code dir}, for progress. */
    static long size(Path dir) throws IOException {
        long total = 0;
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p) && isFactsFile(p) && !hidden(dir, p)) {
                    total += Files.size(p);
                }
            }
        }
        return total;
    }

    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long consumed() {
        return consumed;
    }

    @Override
    public void close() {
        stack.clear();
    }
}
