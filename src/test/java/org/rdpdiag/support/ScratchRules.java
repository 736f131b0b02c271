package org.rdpdiag.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A copy of a rules folder in a temporary directory, for tests that break or extend it. */
public record ScratchRules(Path dir) {
    /** The small plan-ordering knowledge base of the test resources (compiles in a fraction of a second). */
    public static ScratchRules small(Path tmp) {
        return copy(Path.of("src/test/resources/kb/plan"), tmp.resolve("rules"));
    }

    /** The project's own rules, cases included. */
    public static ScratchRules full(Path tmp) {
        return copy(Path.of("rules"), tmp.resolve("rules"));
    }

    /** The rule of {@link #smallWithReplayFault}: it throws while host.nlaRequired is unknown. */
    public static final String REPLAY_FAULT = "fails while nla is unknown";

    /**
     * The small knowledge base with two cases and a rule whose condition throws while
     * host.nlaRequired is unknown: case {@code alpha} knows it (true) but bounds its interview,
     * whose replay starts from nothing known, so only that replay meets the fault; case
     * {@code gamma} knows it too and expects nothing of the interview, so it passes.
     */
    public static ScratchRules smallWithReplayFault(Path tmp) {
        return small(tmp).write("cases/alpha.yaml", """
                facts:
                  host: {nlaRequired: true}
                expect:
                  causes: {alpha: confirmed}
                  interview:
                    maxQuestions: 5
                """).write("cases/gamma.yaml", """
                facts:
                  host: {azureVm: true, nlaRequired: false}
                expect:
                  causes: {gamma: confirmed}
                """).append("plan.drl", "\nrule \"" + REPLAY_FAULT + "\" @cause(\"alpha\") @weight(\"hints\")\n"
                + "when Host( nlaRequired == null ) eval( Integer.parseInt(\"x\") > 0 ) then conclude(drools); end\n");
    }

    private static ScratchRules copy(Path from, Path to) {
        copyTree(from, to);
        return new ScratchRules(to);
    }

    /** Copies a folder and everything below it, in walk order so that each folder exists before its files. */
    public static void copyTree(Path from, Path to) {
        try (java.util.stream.Stream<Path> all = Files.walk(from)) {
            for (Path source : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ScratchRules write(String file, String text) {
        try {
            Path p = dir.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Replaces the first occurrence of {@code from}; fails the test when it is not there. */
    public ScratchRules replace(String file, String from, String to) {
        String text = read(file);
        if (!text.contains(from)) {
            throw new AssertionError(file + " does not contain: " + from);
        }
        return write(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    public ScratchRules append(String file, String text) {
        return write(file, read(file) + text);
    }

    public String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based line on which {@code text} first appears in a file. */
    public int lineOf(String file, String text) {
        String all = read(file);
        int at = all.indexOf(text);
        if (at < 0) {
            throw new AssertionError(file + " does not contain: " + text);
        }
        return (int) all.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
