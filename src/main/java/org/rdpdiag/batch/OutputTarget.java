package org.rdpdiag.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rdpdiag.facts.IoReason;

/**
 * A file a run writes, as the file system sees it rather than as it was named: a link or a
 * second name of an input is the input, whatever the spelling.
 *
 * @param named   the path as the user gave it (for messages)
 * @param real    the file it designates: the link's target when it is a link, else the path
 *                made absolute in its real parent folder
 * @param special true when it exists and is not a regular file (a device such as
 *                {@code /dev/null}, or a named pipe): written to directly, never replaced
 */
record OutputTarget(Path named, Path real, boolean special) {

    static OutputTarget of(Path named) {
        if (Files.isDirectory(named)) {
            throw new BatchException.Usage(named + " is a folder; the outputs are files");
        }
        Path real;
        try {
            if (Files.exists(named)) {
                real = named.toRealPath();
            } else {
                Path abs = named.toAbsolutePath().normalize();
                Path parent = abs.getParent();
                real = parent != null && Files.isDirectory(parent) ? parent.toRealPath().resolve(abs.getFileName()) : abs;
            }
        } catch (IOException e) {
            throw new BatchException.Usage("cannot use " + named + " as an output: " + IoReason.of(e));
        }
        return new OutputTarget(named, real, Files.exists(real) && !Files.isRegularFile(real));
    }

    boolean exists() {
        return Files.exists(real);
    }

    /** True when both names designate one file (also through a hard link). */
    boolean sameFileAs(Path other) {
        try {
            return Files.exists(real) && Files.exists(other) && Files.isSameFile(real, other);
        } catch (IOException e) {
            return false;
        }
    }

    /** Where the file is written while the run goes on: hidden, next to it, so the move into place is atomic. */
    Path partial() {
        return real.resolveSibling("." + real.getFileName() + ".partial");
    }

    /** The lock that keeps two runs from writing this file at once. */
    Path lockFile() {
        return real.resolveSibling("." + real.getFileName() + ".lock");
    }
}
