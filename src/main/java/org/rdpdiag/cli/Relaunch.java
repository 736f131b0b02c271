package org.rdpdiag.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up tuning for short commands. {@code java -jar} cannot carry JVM options, so for a
 * one-shot command the jar re-executes itself once with options that suit a run of about half
 * a second: a class-data archive ({@link ClassDataArchive}: the one built next to the jar, or
 * one made for this copy of the jar in the user's cache), the C1-only JIT and the serial
 * collector. This halves a cold {@code diagnose}.
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

    private Relaunch() {}

    /**
     * Returns the child's exit code, or -1 when the command should run in this JVM. Only diagnose
     * and ask relaunch: they are over in about a second (ask, until its first question), while
     * the long-running commands keep the JIT's top tier.
     */
    static int maybeRelaunch(String[] args) {
        if (System.getProperty(MARKER) != null || "0".equals(System.getenv("RDPDIAG_RELAUNCH"))
                || args.length == 0 || !(args[0].equals("diagnose") || args[0].equals("ask"))) {
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
        if (!anyStartsWith(userOptions, "-XX:TieredStopAtLevel", "-XX:-TieredCompilation")) {
            cmd.add("-XX:TieredStopAtLevel=1");
            // C1 compiles a few thousand methods in a run; compiling a third of them, the hottest,
            // saves more compiler time than the interpreter loses.
            if (!anyStartsWith(userOptions, "-XX:CompileThresholdScaling")) {
                cmd.add("-XX:CompileThresholdScaling=3");
            }
        }
        if (!namesCollector(userOptions)) {
            cmd.add("-XX:+UseSerialGC");
        }
        if (!anyStartsWith(userOptions, "-Xshare", "-XX:SharedArchiveFile")) {
            cmd.add("-Xshare:auto");
            Path archive = ClassDataArchive.choose(jar,
                    "0".equals(System.getenv("RDPDIAG_ARCHIVE_CACHE")) ? null : ClassDataArchive.userCache());
            if (archive != null) {
                cmd.add("-XX:SharedArchiveFile=".concat(archive.toString()));
            }
        }
        cmd.addAll(userOptions);
        cmd.add("-Drdpdiag.relaunched=1");
        cmd.add("-cp");
        cmd.add(jar.toString());
        // By name: loading the command classes here would cost the parent what it saves the child.
        cmd.add("org.rdpdiag.cli.Main");
        cmd.addAll(List.of(args));
        try {
            Process child = new ProcessBuilder(cmd).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread() {
                @Override
                public void run() {
                    child.destroy();
                }
            });
            return child.waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERNAL;
        }
    }

    // Loops rather than streams and lambdas: the first lambda of a JVM costs it tens of milliseconds.
    private static boolean anyStartsWith(List<String> options, String... prefixes) {
        for (String o : options) {
            for (String p : prefixes) {
                if (o.startsWith(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the options choose a collector ({@code -XX:+UseG1GC}, {@code -XX:-UseSerialGC}). */
    private static boolean namesCollector(List<String> options) {
        for (String o : options) {
            if ((o.startsWith("-XX:+Use") || o.startsWith("-XX:-Use")) && o.endsWith("GC")) {
                return true;
            }
        }
        return false;
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

    static Path ownJar() {
        try {
            Path p = Path.of(Relaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (Exception e) {
            return null;
        }
    }
}
