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

    private static boolean noColorRequested() {
        String v = System.getenv("NO_COLOR");
        return v != null && !v.isEmpty();
    }
}
