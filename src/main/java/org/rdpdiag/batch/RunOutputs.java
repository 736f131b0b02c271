package org.rdpdiag.batch;

import org.rdpdiag.facts.IoReason;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of one run, prepared so that no slip on the command line costs a user data.
 *
 * <ul>
 * <li>Every output is compared with every input by file identity, so a link or a second name
 * of an input is refused before anything is opened.</li>
 * <li>Every output is locked for the whole run: a second run to the same output fails at once.</li>
 * <li>Everything that can be refused is refused before any file is created or cut: an output
 * that cannot be written, or a file to resume that is not the results of this same run.</li>
 * <li>New results and the CSV summary are written to a hidden file beside their target and moved
 * into place when the run ends or is stopped; a run that fails or is killed leaves the target as
 * it was, and {@code --resume} continues from the hidden file.</li>
 * </ul>
 */
final class RunOutputs implements Closeable {
    /** What a resumed run starts from: the results already written and what they count. */
    record Resumed(long lines, Counts counts) {
        static final Resumed NONE = new Resumed(0, Counts.NONE);
    }

    private final List<OutputLock> locks = new ArrayList<>();
    private final OutputTarget out;
    private final OutputTarget csv;
    private final OutputTarget report;
    /** The file the results are appended to: the hidden partial file, or the target itself when resuming in place. */
    private Path resultsFile;
    private Path csvFile;
    private Resumed resumed = Resumed.NONE;
    LineFile results;
    LineFile csvLines;

    private RunOutputs(OutputTarget out, OutputTarget csv, OutputTarget report) {
        this.out = out;
        this.csv = csv;
        this.report = report;
    }

    /**
     * Resolves and checks the outputs of a request against its inputs (nothing is opened yet).
     *
     * @throws BatchException.Usage when an output is an input, a folder, or named twice
     */
    static RunOutputs resolve(BatchService.Request req, boolean stdinIsProcessInput) {
        if (req.resume() && req.out() == null) {
            throw new BatchException.Usage("--resume needs --out FILE: standard output cannot be resumed");
        }
        if (req.out() == null && req.stdout() == null) {
            throw new BatchException.Usage("no output: give --out FILE");
        }
        RunOutputs o = new RunOutputs(req.out() == null ? null : OutputTarget.of(req.out()),
                req.csv() == null ? null : OutputTarget.of(req.csv()), req.report() == null ? null : OutputTarget.of(req.report()));
        List<OutputTarget> targets = o.targets();
        for (int i = 0; i < targets.size(); i++) {
            for (int j = 0; j < i; j++) {
                OutputTarget a = targets.get(i);
                OutputTarget b = targets.get(j);
                if (!a.special() && (a.real().equals(b.real()) || a.sameFileAs(b.real()))) {
                    throw new BatchException.Usage(a.named() + " is named for two outputs"
                            + (a.named().equals(b.named()) ? "" : " (" + b.named() + " is the same file)"));
                }
            }
        }
        for (String input : req.inputs()) {
            Path in = input.equals("-") ? (stdinIsProcessInput ? Path.of("/proc/self/fd/0") : null) : Path.of(input);
            if (in == null || Files.isDirectory(in)) {
                continue;
            }
            for (OutputTarget t : targets) {
                if (!t.special() && t.sameFileAs(in)) {
                    String which = input.equals("-") ? "standard input" : input;
                    throw new BatchException.Usage(t.named() + " is " + which + " under another name (a link, or the "
                            + "same file): writing it would destroy the input. Choose another output.");
                }
            }
        }
        return o;
    }

    private List<OutputTarget> targets() {
        List<OutputTarget> t = new ArrayList<>(3);
        for (OutputTarget x : new OutputTarget[] {out, csv, report}) {
            if (x != null) {
                t.add(x);
            }
        }
        return t;
    }

    /** Every file of the run's own (targets, partial files, staging): never to be read as an input record. */
    Set<Path> ownFiles(Path staging) {
        Set<Path> own = new HashSet<>();
        for (OutputTarget t : targets()) {
            own.add(t.real());
            own.add(t.partial());
        }
        if (staging != null) {
            own.add(staging.toAbsolutePath().normalize());
        }
        return own;
    }

    /**
     * Locks the outputs, checks the file a resumed run continues, and checks that each output
     * can be written; then, and only then, creates the files this run writes.
     *
     * @param run the fingerprint of this run's inputs and options (see {@link ResultLines})
     */
    void open(boolean resume, String run) throws IOException {
        for (OutputTarget t : targets()) {
            if (!t.special()) {
                locks.add(OutputLock.acquire(t));
            }
        }
        Path from = null;
        if (resume) {
            if (out.special()) {
                throw new BatchException.Usage(out.named() + " is not a regular file, so it cannot be resumed");
            }
            from = Files.exists(out.partial()) ? out.partial() : out.exists() ? out.real() : null;
            if (from != null) {
                resumed = check(from, run, out.named());
            }
        }
        if (report != null && report.special()) {
            throw new BatchException.Usage(report.named() + " is not a regular file; the report is written whole, "
                    + "then moved into place");
        }
        List<Path> created = new ArrayList<>();
        try {
            for (OutputTarget t : targets()) {
                writable(t, t == out && from != null ? from : t == report ? null : t.partial(), created);
            }
        } catch (BatchException e) {
            for (Path p : created) {
                Files.deleteIfExists(p);
            }
            throw e;
        }
        if (out != null) {
            resultsFile = out.special() ? out.real() : from != null ? from : out.partial();
            results = from != null ? LineFile.resume(resultsFile, resumed.lines()) : LineFile.create(resultsFile);
        }
        if (csv != null) {
            csvFile = csv.special() ? csv.real() : csv.partial();
            csvLines = LineFile.create(csvFile);
        }
    }

    /**
     * Checks that a target's folder exists (it is created) and that the run can write there: the
     * target must not be read-only, and the file the run writes ({@code file}, null for none yet)
     * is created when missing. An existing target is not touched.
     */
    private static void writable(OutputTarget t, Path file, List<Path> created) {
        try {
            Path parent = t.real().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (t.special()) {
                return;
            }
            if (t.exists() && !Files.isWritable(t.real())) {
                throw new BatchException.Usage("cannot write " + t.named() + ": the file is read-only");
            }
            if (file == null) {
                return;
            }
            if (!Files.exists(file)) {
                Files.newOutputStream(file).close();
                created.add(file);
            } else if (!Files.isWritable(file)) {
                throw new BatchException.Usage("cannot write " + file + ": the file is read-only");
            }
        } catch (IOException e) {
            throw new BatchException.Usage("cannot write " + t.named() + ": " + IoReason.of(e));
        }
    }

    /**
     * Reads back the results a run wrote before, without changing them: each whole line must be
     * the result of the next record, of a run with the same fingerprint.
     */
    static Resumed check(Path file, String run, Path named) throws IOException {
        Counts totals = Counts.NONE;
        long n = 0;
        // A last line without its line break is what a kill leaves: it is not a result yet.
        boolean lastCut = endsInsideALine(file);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String next = in.readLine();
            for (String line = next; line != null; line = next) {
                next = in.readLine();
                if (next == null && lastCut) {
                    break;
                }
                n++;
                ResultLines.Parsed p;
                try {
                    p = ResultLines.parseWithRun(line);
                } catch (RuntimeException e) {
                    throw new BatchException.Usage(named + ":" + n + ": not a result line of rdpdiag batch, so the file "
                            + "cannot be resumed; it was left as it is. Name a new --out, or run without --resume");
                }
                if (!run.equals(p.run())) {
                    throw new BatchException.Usage(named + ":" + n + ": holds the results of another run (other inputs, "
                            + "options or rules), so it cannot be resumed with these; it was left as it is. Run the "
                            + "command of that run, or name a new --out");
                }
                if (p.result().index() != n) {
                    throw new BatchException.Usage(named + ":" + n + ": holds the result of record " + p.result().index()
                            + ", not of record " + n + ", so the file cannot be resumed; it was left as it is");
                }
                totals = totals.plus(p.result(), false);
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new BatchException.Usage(named + ": not a result file of rdpdiag batch (not UTF-8 text), so it cannot "
                    + "be resumed; it was left as it is");
        }
        return new Resumed(n, totals);
    }

    private static boolean endsInsideALine(Path file) throws IOException {
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "r")) {
            if (raf.length() == 0) {
                return false;
            }
            raf.seek(raf.length() - 1);
            return raf.read() != '\n';
        }
    }

    Resumed resumed() {
        return resumed;
    }

    /** The real path of the main output, or null when it is standard output. */
    Path outReal() {
        return out == null ? null : out.real();
    }

    /** The results file this run writes (for messages about where the results so far are). */
    Path resultsFile() {
        return resultsFile;
    }

    /**
     * Closes the files and moves the new ones into place; called when the run ends or is stopped,
     * so the target then holds whole results.
     */
    void commit() throws IOException {
        closeFiles();
        if (out != null && !out.special() && !resultsFile.equals(out.real())) {
            moveIntoPlace(resultsFile, out.real());
            resultsFile = out.real();
        }
        if (csv != null && !csv.special()) {
            moveIntoPlace(csvFile, csv.real());
        }
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        if (Files.exists(target)) {
            try {
                Files.setPosixFilePermissions(partial, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException | IOException e) {
                // Permissions are a courtesy; the results matter more.
            }
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void closeFiles() throws IOException {
        LineFile r = results;
        LineFile c = csvLines;
        results = null;
        csvLines = null;
        try {
            if (r != null) {
                r.close();
            }
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Releases the locks; files not committed stay where they are, for {@code --resume}. */
    @Override
    public void close() {
        try {
            closeFiles();
        } catch (IOException e) {
            // Already failing: the first error is the one to report.
        }
        locks.forEach(OutputLock::close);
        locks.clear();
    }
}
