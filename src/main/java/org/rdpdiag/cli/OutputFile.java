package org.rdpdiag.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.rdpdiag.facts.IoReason;

/** Writes a document a command was asked to put in a file ({@code --out}); a failure is bad usage, said plainly. */
final class OutputFile {
    private OutputFile() {}

    /** Prints {@code text} on standard output when {@code out} is null, else writes it there. */
    static void emit(picocli.CommandLine.Model.CommandSpec spec, Path out, String text) {
        if (out == null) {
            java.io.PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(text);
            stdout.flush();
        } else {
            write(out, text);
        }
    }

    /** Writes {@code text} at {@code out}; its folder must exist (a typo in it should not create a tree of folders). */
    static void write(Path out, String text) {
        try {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Failures.UsageException("cannot write " + out + ": " + (e instanceof NoSuchFileException
                    ? "its folder does not exist" : e instanceof AccessDeniedException ? "permission denied" : IoReason.of(e)));
        }
    }
}
