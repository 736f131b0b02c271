package org.rdpdiag.facts;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** A failed file operation in words a person can act on, without the exception's class name. */
public final class IoReason {
    private IoReason() {}

    public static String of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        // Creating folders under a plain file fails as "already exists": that file is in the way.
        if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException) {
            return "a part of the path is not a folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return switch (fs.getReason()) {
                case "Not a directory" -> "a part of the path is not a folder";
                case "Is a directory" -> "it is a folder";
                default -> fs.getReason().toLowerCase(Locale.ROOT);
            };
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.toLowerCase(Locale.ROOT);
    }

    /** True when the failure means the disk (or the user's quota) is full. */
    public static boolean diskFull(IOException e) {
        String m = String.valueOf(e instanceof FileSystemException fs ? fs.getReason() : e.getMessage());
        return m.contains("No space left") || m.contains("Disk quota exceeded");
    }
}
