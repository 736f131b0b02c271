package org.rdpdiag.batch;

import org.rdpdiag.facts.IoReason;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * An exclusive lock on one output, held for the whole run, so that a second run to the same
 * output fails at once instead of interleaving its lines with the first. The lock lives on a
 * small file of its own beside the output: the output itself is only created or replaced once
 * the run is sure to write it, and a lock taken on it could not survive the final move.
 *
 * <p>The lock file is deleted when the run ends. A run that opened it just before that
 * deletion would lock a file no longer in the folder, so a lock counts only when the path still
 * names the file that was locked.
 */
final class OutputLock implements Closeable {
    private static final int ATTEMPTS = 5;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws BatchException.Usage when another run holds the lock, or it cannot be taken */
    static OutputLock acquire(OutputTarget target) {
        Path file = target.lockFile();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel channel = null;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // held by another run in this same process
                }
                if (lock == null) {
                    channel.close();
                    throw new BatchException.Usage("another rdpdiag batch is writing " + target.named()
                            + " right now; wait for it to finish, or choose another output");
                }
                if (stillNamed(file, channel)) {
                    return new OutputLock(file, channel, lock);
                }
                channel.close(); // the holder deleted it as we opened it: take the new one
            } catch (IOException e) {
                closeQuietly(channel);
                throw new BatchException.Usage("cannot write " + target.named() + ": " + IoReason.of(e));
            }
        }
        throw new BatchException.Usage("cannot lock " + target.named() + ": other runs keep taking it; try again");
    }

    /** Whether the path still names the file the channel has open (same file key). */
    private static boolean stillNamed(Path file, FileChannel channel) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        if (key == null) {
            return true; // a file system without keys: nothing better to compare
        }
        Path self = Path.of("/proc/self/fd");
        if (Files.isDirectory(self)) {
            // Linux names every open descriptor; the channel's is the one whose key matches.
            try (var fds = Files.list(self)) {
                return fds.anyMatch(fd -> {
                    try {
                        return Objects.equals(Files.readAttributes(fd, BasicFileAttributes.class).fileKey(), key);
                    } catch (IOException e) {
                        return false;
                    }
                });
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            // Deleted while still held, so that nobody can lock the file between release and delete.
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A left-over lock file is harmless: the next run locks it again.
        }
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel releases it too.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing left to do with it.
            }
        }
    }
}
