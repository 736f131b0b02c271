package org.rdpdiag.batch;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

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
            throw new BatchException.Usage("cannot use " + named + " as an output: " + reason(e));
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

    /** An I/O failure as a person reads it: what went wrong, without the exception's class name. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return switch (fs.getReason()) {
                case "Not a directory" -> "a part of the path is not a folder";
                case "Is a directory" -> "it is a folder";
                default -> fs.getReason().toLowerCase(java.util.Locale.ROOT);
            };
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.toLowerCase(java.util.Locale.ROOT);
    }

    /** True when the failure means the disk (or the user's quota) is full. */
    static boolean diskFull(IOException e) {
        String m = String.valueOf(e instanceof FileSystemException fs ? fs.getReason() : e.getMessage());
        return m.contains("No space left") || m.contains("Disk quota exceeded");
    }
}
