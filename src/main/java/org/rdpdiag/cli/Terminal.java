package org.rdpdiag.cli;

/** Decides whether output may carry colour: only on a terminal, and never when NO_COLOR is set. */
final class Terminal {
    enum ColorMode { auto, always, never }

    private Terminal() {}

    static boolean color(ColorMode mode) {
        return switch (mode) {
            case always -> true;
            case never -> false;
            case auto -> System.console() != null && !noColorRequested() && !"dumb".equals(System.getenv("TERM"));
        };
    }

    /**
     * Whether standard error is a terminal, so that a progress bar drawn there is seen and not
     * written into a log. Java can only ask about the console as a whole, so on Linux the answer
     * comes from what file descriptor 2 points to; elsewhere from the console.
     */
    static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        java.nio.file.Path fd = java.nio.file.Path.of("/proc/self/fd/2");
        if (java.nio.file.Files.exists(fd)) {
            try {
                String target = java.nio.file.Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (java.io.IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    private static boolean noColorRequested() {
        String v = System.getenv("NO_COLOR");
        return v != null && !v.isEmpty();
    }
}
