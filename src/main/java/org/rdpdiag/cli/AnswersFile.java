package org.rdpdiag.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.IoReason;

/**
 * Where an interview's answers are saved, so that they are never lost: the place is tried
 * before the first question, the file is written beside its target and moved into place, and a
 * save that still fails at the end goes to a fallback file whose name is printed.
 */
final class AnswersFile {
    /** The outcome of a save: where the answers are, and why not where they were asked to go. */
    record Saved(Path where, String problem) {
        boolean asAsked() {
            return problem == null;
        }
    }

    private AnswersFile() {}

    /**
     * Checks that the answers can be saved at {@code to}, by creating and removing a file beside
     * it; an existing file is not touched.
     *
     * @throws Failures.UsageException naming the path and the reason
     */
    static void checkWritable(Path to) {
        if (Files.isDirectory(to)) {
            throw new Failures.UsageException("cannot save the answers to " + to + ": it is a folder; name a file");
        }
        try {
            Path parent = to.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (Files.exists(to) && !Files.isWritable(to)) {
                throw new Failures.UsageException("cannot save the answers to " + to + ": the file is read-only");
            }
            Files.delete(Files.createTempFile(parent, ".rdpdiag-answers-", ".tmp"));
        } catch (IOException e) {
            throw new Failures.UsageException("cannot save the answers to " + to + ": " + IoReason.of(e)
                    + "; choose another --save path (nothing was asked yet)");
        }
    }

    /** Saves the facts at {@code to}, or, when that fails, in a fallback file in the temporary folder. */
    static Saved save(HostFacts facts, Path to) {
        String text = AskCommand.factsText(facts);
        try {
            writeAtomically(text, to);
            return new Saved(to, null);
        } catch (IOException e) {
            String problem = "could not save the answers to " + to + ": " + IoReason.of(e);
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Path fallback = Path.of(System.getProperty("java.io.tmpdir"), "rdpdiag-answers-" + safe(facts.id()) + "-" + stamp
                    + ".yaml");
            try {
                writeAtomically(text, fallback);
                return new Saved(fallback, problem);
            } catch (IOException again) {
                return new Saved(null, problem + "; the fallback " + fallback + " failed too: " + IoReason.of(again));
            }
        }
    }

    private static void writeAtomically(String text, Path to) throws IOException {
        Path parent = to.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = Files.createTempFile(parent, ".rdpdiag-answers-", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A host id as part of a file name: letters, digits, dots and dashes only. */
    private static String safe(String id) {
        String s = id == null ? "interview" : id.replaceAll("[^A-Za-z0-9.-]", "_");
        return s.isEmpty() ? "interview" : s.substring(0, Math.min(60, s.length()));
    }
}
