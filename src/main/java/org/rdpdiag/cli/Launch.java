package org.rdpdiag.cli;

/**
 * The jar's entry point: relaunches a short command with its start-up tuning ({@link Relaunch}),
 * else runs {@link Main} in this JVM. A class of its own, apart from {@link Main}, because
 * loading {@code Main} loads the command-line library and the commands, which the relaunching
 * parent does not need.
 */
public final class Launch {
    private Launch() {}

    public static void main(String[] args) {
        int relaunched = Relaunch.maybeRelaunch(args);
        if (relaunched >= 0) {
            System.exit(relaunched);
        }
        Main.main(args);
    }
}
