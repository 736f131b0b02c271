package org.rdpdiag.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.rdpdiag.authoring.RulesWatcher;
import org.rdpdiag.report.CaseLibraryReport;
import org.rdpdiag.report.Style;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rdpdiag rules watch [DIR]}: check and test again on every save, until interrupted. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Check and test a rules folder, then again every time a .drl or .yaml file in it is saved "
                + "(case files included). Each round prints the problems, the failing cases, the cases whose verdict "
                + "changed and how long the round took. Stop with Ctrl-C."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "2:bad usage", "3:internal error"})
final class RulesWatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesFolder folder;

    @Option(names = "--interviews", description = "Also replay the interview on every case (slower).")
    boolean interviews;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Terminal.ColorMode color;

    @Option(names = "--rounds", hidden = true, defaultValue = "0", description = "Stop after this many rounds (tests).")
    int rounds;

    @Override
    public Integer call() throws IOException {
        Path dir = folder.resolved();
        if (dir == null) {
            throw new Failures.UsageException("rules watch needs a rules folder: give DIR, or run it where ./rules is");
        }
        PrintWriter out = spec.commandLine().getOut();
        Style style = new Style(Terminal.color(color));
        out.println("watching " + dir + " (Ctrl-C to stop)");
        out.flush();
        int[] done = {0};
        try (RulesWatcher watcher = new RulesWatcher(dir, interviews)) {
            Thread current = Thread.currentThread();
            watcher.run(cycle -> {
                print(cycle, style, out);
                if (rounds > 0 && ++done[0] >= rounds) {
                    current.interrupt();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    static void print(RulesWatcher.Cycle cycle, Style style, PrintWriter out) {
        String when = LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
        String what = cycle.changed().isEmpty() ? "first round"
                : cycle.changed().stream().map(p -> p.getFileName().toString()).distinct().collect(Collectors.joining(", "))
                        + " changed";
        out.println();
        out.println(style.bold("== " + when + "  " + what));
        cycle.lint().problems().forEach(out::println);
        if (cycle.run() != null) {
            out.print(CaseLibraryReport.render(cycle.run(), cycle.lint().knowledgeBase(), false, style));
        }
        cycle.flipped().forEach((name, verdict) -> out.println((verdict.equals("now passing") ? style.green("FIXED") : style.red("BROKE"))
                + " " + name + ": " + verdict));
        String verdict = cycle.lint().errors() > 0 ? style.red(cycle.lint().errors() + " check error(s)")
                : cycle.run().passed() ? style.green("all " + cycle.run().outcomes().size() + " cases pass")
                        : style.red(cycle.run().failed() + " case(s) fail");
        out.println(verdict + style.dim(String.format(java.util.Locale.ROOT, "  (checked and tested in %.2f s)",
                cycle.millis() / 1000.0)));
        out.flush();
    }
}
