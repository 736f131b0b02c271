package org.rdpdiag.batch;

import org.rdpdiag.facts.IoReason;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An output written only in whole lines: every {@link #append} hands the operating system
 * complete lines in one write, unbuffered, so a run stopped at any moment leaves whole lines
 * behind, except a kill in the middle of one write, which {@link #resume} repairs by cutting
 * the partial last line.
 */
final class LineFile implements Closeable {
    private final OutputStream out;
    private final boolean closeOut;
    private final String name;

    private LineFile(OutputStream out, boolean closeOut, String name) {
        this.out = out;
        this.closeOut = closeOut;
        this.name = name;
    }

    /** A new, empty file (an existing one is replaced). */
    static LineFile create(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new LineFile(new FileOutputStream(file.toFile(), false), true, file.toString());
    }

    /** Lines to a stream the caller owns (standard output); it is flushed, not closed. */
    static LineFile stream(OutputStream out, String name) {
        return new LineFile(out, false, name);
    }

    /**
     * Continues a file after its first {@code keep} lines: anything after them (a partial line,
     * or lines written after the last line of the file the run is resumed from) is cut.
     *
     * @throws BatchException.Usage when the file has fewer than {@code keep} whole lines
     */
    static LineFile resume(Path file, long keep) throws IOException {
        long end = offsetAfterLines(file, keep);
        if (end < 0) {
            throw new BatchException.Usage(file + " holds fewer than the " + keep
                    + " results already written to the main output, so it cannot be continued; run without --resume");
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(end);
        }
        return new LineFile(new FileOutputStream(file.toFile(), true), true, file.toString());
    }

    /**
     * The whole lines of a file, after cutting a partial last line off it (what an interrupted
     * write leaves); 0 when the file does not exist.
     */
    static long repairAndCount(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long lines = 0;
        long lastBreak = -1;
        long position = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                        lastBreak = position + i;
                    }
                }
                position += n;
            }
        }
        if (lastBreak + 1 != position) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(lastBreak + 1);
            }
        }
        return lines;
    }

    /** The byte offset just after the first {@code lines} line breaks, or -1 when there are fewer. */
    static long offsetAfterLines(Path file, long lines) throws IOException {
        if (lines == 0) {
            return 0;
        }
        if (!Files.exists(file)) {
            return -1;
        }
        long seen = 0;
        long position = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n' && ++seen == lines) {
                        return position + i + 1;
                    }
                }
                position += n;
            }
        }
        return -1;
    }

    /** Writes complete lines (the bytes must end with a line break) in one call. */
    void append(byte[] lines) throws WriteFailed {
        if (lines.length == 0) {
            return;
        }
        try {
            out.write(lines);
            if (!closeOut) {
                out.flush();
            }
        } catch (IOException e) {
            throw new WriteFailed(name, e);
        }
    }

    /** A write to an output failed (a full disk, a closed pipe): says which output. */
    static final class WriteFailed extends IOException {
        private final String file;

        WriteFailed(String file, IOException cause) {
            super(file + ": " + IoReason.of(cause), cause);
            this.file = file;
        }

        String file() {
            return file;
        }

        boolean diskFull() {
            return getCause() instanceof IOException io && IoReason.diskFull(io);
        }
    }

    String name() {
        return name;
    }

    @Override
    public void close() throws IOException {
        if (closeOut) {
            out.close();
        } else {
            out.flush();
        }
    }
}
