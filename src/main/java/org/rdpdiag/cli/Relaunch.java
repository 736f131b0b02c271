package org.rdpdiag.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Start-up tuning for short commands. {@code java -jar} cannot carry JVM options, so for a
 * one-shot command the jar re-executes itself once with options that suit a run of about half
 * a second: the class-data archive built next to the jar (see {@code docs/performance.md}), the
 * C1-only JIT and the serial collector. This halves a cold {@code diagnose}.
 *
 * <p>The JVM options given to {@code java} before {@code -jar} (a heap limit, a property) are
 * passed on to the child, after the tuning ones, which they override; a tuning option the user
 * set differently (another collector, another archive) is left out. When the parent's own
 * command line cannot be read, the command runs in-process rather than lose those options.
 *
 * <p>Uses only JDK classes, so the parent process stays cheap (about 45 ms). It falls back to
 * running in-process when it is not running from a jar, when the child cannot be started, or
 * when {@code RDPDIAG_RELAUNCH=0}.
 */
final class Relaunch {
    static final String MARKER = "rdpdiag.relaunched";
    /** Commands that are over in about a second; long-running ones keep the JIT's top tier. */
    private static final Set<String> SHORT_COMMANDS = Set.of("diagnose", "ask");

    private Relaunch() {}

    /** Returns the child's exit code, or -1 when the command should run in this JVM. */
    static int maybeRelaunch(String[] args) {
        if (System.getProperty(MARKER) != null || "0".equals(System.getenv("RDPDIAG_RELAUNCH"))
                || args.length == 0 || !SHORT_COMMANDS.contains(args[0])) {
            return -1;
        }
        Path jar = ownJar();
        if (jar == null) {
            return -1;
        }
        List<String> userOptions = jvmOptions(ProcessHandle.current().info().arguments().orElse(null));
        if (userOptions == null) {
            return -1;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (userOptions.stream().noneMatch(o -> o.startsWith("-XX:TieredStopAtLevel") || o.startsWith("-XX:-TieredCompilation"))) {
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        if (userOptions.stream().noneMatch(o -> o.matches("-XX:[+-]Use\\w*GC"))) {
            cmd.add("-XX:+UseSerialGC");
        }
        Path archive = archiveFor(jar);
        if (userOptions.stream().noneMatch(o -> o.startsWith("-Xshare") || o.startsWith("-XX:SharedArchiveFile"))) {
            cmd.add("-Xshare:auto");
            if (Files.isRegularFile(archive)) {
                // A stale or foreign archive is ignored by the JVM, silently.
                cmd.add("-XX:SharedArchiveFile=" + archive);
            }
        }
        cmd.addAll(userOptions);
        cmd.add("-D" + MARKER + "=1");
        cmd.add("-cp");
        cmd.add(jar.toString());
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        try {
            Process child = new ProcessBuilder(cmd).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            return child.waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERNAL;
        }
    }

    /**
     * The JVM options of a {@code java ... -jar JAR ARGS} command line: what stands before
     * {@code -jar}. Null when the command line is unknown or not of that form.
     */
    static List<String> jvmOptions(String[] arguments) {
        if (arguments == null) {
            return null;
        }
        List<String> options = new ArrayList<>();
        for (String a : arguments) {
            if (a.equals("-jar")) {
                return options;
            }
            options.add(a);
        }
        return null;
    }

    /** The class-data archive that belongs to a jar: same folder, same name, {@code .jsa}. */
    static Path archiveFor(Path jar) {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        return jar.resolveSibling(name + ".jsa");
    }

    static Path ownJar() {
        try {
            Path p = Path.of(Relaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (Exception e) {
            return null;
        }
    }
}
