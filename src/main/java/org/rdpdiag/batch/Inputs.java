package org.rdpdiag.batch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rdpdiag.facts.Vocabulary;

/**
 * The records of every input of a run, one input after the other, in the order given. Inputs are
 * opened only when reached. What the user named is checked up front (a missing path is bad
 * usage); what a file holds is checked record by record.
 */
final class Inputs implements RecordSource {
    /** The name standard input is reported under. */
    static final String STDIN = "<stdin>";

    private final List<String> specs;
    private final InputFormat format;
    private final InputStream stdin;
    private final long total;
    private int nextSpec;
    private RecordSource current;
    private long base;

    private final Set<Path> excluded;
    private final Vocabulary vocabulary;

    private Inputs(List<String> specs, InputFormat format, InputStream stdin, long total, Set<Path> excluded,
            Vocabulary vocabulary) {
        this.excluded = excluded;
        this.vocabulary = vocabulary;
        this.specs = specs;
        this.format = format;
        this.stdin = stdin;
        this.total = total;
    }

    /**
     * Checks the inputs and measures them.
     *
     * @param excluded real paths a folder's listing leaves out: the run's own outputs
     * @param vocabulary the observations the records are read with: the knowledge base's
     * @throws BatchException.Usage when an input does not exist or {@code -} is given twice
     */
    static Inputs open(List<String> specs, InputFormat format, InputStream stdin, Set<Path> excluded, Vocabulary vocabulary)
            throws IOException {
        if (specs.isEmpty()) {
            throw new BatchException.Usage("no input given: name a folder, a .jsonl, .yaml or .csv file, or - for standard input");
        }
        long total = 0;
        boolean sawStdin = false;
        for (String spec : specs) {
            if (spec.equals("-")) {
                if (sawStdin) {
                    throw new BatchException.Usage("standard input (-) can be read only once");
                }
                sawStdin = true;
                total = -1;
                continue;
            }
            Path p = Path.of(spec);
            if (!Files.exists(p)) {
                throw new BatchException.Usage(spec + ": no such file or folder");
            }
            if (total >= 0) {
                total += Files.isDirectory(p) ? FilesSource.size(p) : Files.size(p);
            }
        }
        return new Inputs(List.copyOf(specs), format, stdin, total, Set.copyOf(excluded), vocabulary);
    }

    /** Bytes all inputs hold, or -1 when unknown (standard input). */
    long total() {
        return total;
    }

    @Override
    public SourceRecord next() throws IOException {
        while (true) {
            if (current == null) {
                if (nextSpec >= specs.size()) {
                    return null;
                }
                String spec = specs.get(nextSpec++);
                current = openOne(spec);
                if (current == null) {
                    continue;
                }
            }
            SourceRecord r = current.next();
            if (r != null) {
                return new SourceRecord(r.file(), r.line(), r.number(), r.defaultId(), base + r.consumed(), r.reader());
            }
            base += current.consumed();
            current.close();
            current = null;
        }
    }

    /** The source for one input; an input that cannot be opened becomes a single bad record. */
    private RecordSource openOne(String spec) throws IOException {
        if (spec.equals("-")) {
            return byContent(new BufferedInputStream(stdin, 64 * 1024), STDIN);
        }
        Path p = Path.of(spec);
        if (Files.isDirectory(p)) {
            return FilesSource.folder(p, excluded, vocabulary);
        }
        InputFormat f = format != InputFormat.AUTO ? format : byExtension(p);
        if (f == null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return FilesSource.file(p, vocabulary);
        }
        InputStream in;
        try {
            in = Files.newInputStream(p);
        } catch (NoSuchFileException e) {
            return single(Records.broken(spec, 1, 1, 1, Records.stem(spec), 0, "no such file (it went away during the run)", null));
        } catch (AccessDeniedException e) {
            return single(Records.broken(spec, 1, 1, 1, Records.stem(spec), 0, "cannot read the file: permission denied", null));
        } catch (IOException e) {
            return single(Records.broken(spec, 1, 1, 1, Records.stem(spec), 0, "cannot read the file: " + e.getMessage(), null));
        }
        return f == null ? byContent(new BufferedInputStream(in, 64 * 1024), spec) : source(f, in, spec);
    }

    private RecordSource source(InputFormat f, InputStream in, String name) {
        return switch (f) {
            case JSONL -> new JsonLinesSource(in, name, vocabulary);
            case YAML -> new YamlDocumentsSource(in, name, vocabulary);
            case CSV -> new CsvSource(in, name, vocabulary);
            case AUTO -> throw new IllegalArgumentException("AUTO is not a format to read");
        };
    }

    private RecordSource byContent(BufferedInputStream in, String name) throws IOException {
        return source(format != InputFormat.AUTO ? format : sniff(in), in, name);
    }

    static InputFormat byExtension(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return InputFormat.JSONL;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return InputFormat.YAML;
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            return InputFormat.CSV;
        }
        return null;
    }

    /** Decides by the first line: '{' starts JSON Lines; a separator without ':' is CSV; else YAML. */
    static InputFormat sniff(BufferedInputStream in) throws IOException {
        in.mark(64 * 1024);
        StringBuilder first = new StringBuilder();
        boolean started = false;
        for (int i = 0, b = in.read(); b >= 0 && i < 64 * 1024 - 1; i++, b = in.read()) {
            if (!started && (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0xEF || b == 0xBB || b == 0xBF)) {
                continue;
            }
            if (started && (b == '\n' || b == '\r')) {
                break;
            }
            started = true;
            first.append((char) b);
        }
        in.reset();
        String line = first.toString();
        if (line.startsWith("{")) {
            return InputFormat.JSONL;
        }
        boolean separated = line.indexOf(',') >= 0 || line.indexOf(';') >= 0 || line.indexOf('\t') >= 0;
        return separated && line.indexOf(':') < 0 && !line.startsWith("#") ? InputFormat.CSV : InputFormat.YAML;
    }

    private static RecordSource single(SourceRecord record) {
        return new RecordSource() {
            private boolean given;

            @Override
            public SourceRecord next() {
                if (given) {
                    return null;
                }
                given = true;
                return record;
            }

            @Override
            public long consumed() {
                return 0;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public long consumed() {
        return base + (current == null ? 0 : current.consumed());
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
        }
    }
}
