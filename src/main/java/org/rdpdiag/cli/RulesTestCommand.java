package org.rdpdiag.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.rdpdiag.authoring.KnowledgeLint;
import org.rdpdiag.authoring.LibraryRun;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.report.CaseLibraryReport;
import org.rdpdiag.report.Style;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rdpdiag rules test [DIR]}: run the case library and report failures and coverage. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run every case of DIR/cases against the knowledge base in DIR: each failure as expected "
                + "versus actual with the rule trace, then the coverage (rules never fired, causes never confirmed, "
                + "fixes never planned, questions never asked)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every case passed (and the coverage reached --min-coverage)",
                "1:a case failed, a case file is unreadable, the rules do not load, or coverage is below the minimum",
                "2:bad usage", "3:internal error"})
final class RulesTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesFolder folder;

    @Option(names = "--min-coverage", paramLabel = "PERCENT",
            description = "Fail when rules fired, causes confirmed, fixes planned (and questions asked, with "
                    + "--interviews) fall below PERCENT.")
    Double minCoverage;

    @Option(names = "--interviews", description = "Replay the interview on every case, to measure which questions are asked (slower).")
    boolean interviews;

    @Option(names = {"-v", "--verbose"}, description = "List the passing cases too.")
    boolean verbose;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Terminal.ColorMode color;

    @Override
    public Integer call() {
        if (minCoverage != null && (minCoverage < 0 || minCoverage > 100)) {
            throw new Failures.UsageException("--min-coverage " + minCoverage + ": expected a percentage from 0 to 100");
        }
        if (!java.nio.file.Files.isDirectory(folder.casesRoot().resolve("cases"))) {
            throw new Failures.UsageException(folder.casesRoot().resolve("cases") + ": no case library here; give a "
                    + "rules folder that has a cases subfolder (rules test rules)");
        }
        PrintWriter out = spec.commandLine().getOut();
        int code = run(folder, interviews, minCoverage, verbose, new Style(Terminal.color(color)), out);
        out.flush();
        return code;
    }

    /** Shared with {@code rules watch}: loads, runs and prints; returns the exit code. */
    static int run(RulesFolder folder, boolean interviews, Double minCoverage, boolean verbose, Style style, PrintWriter out) {
        KnowledgeLint.Result loaded = KnowledgeLint.loadOnly(folder.source(), folder.loader());
        if (loaded.knowledgeBase() == null) {
            loaded.problems().forEach(out::println);
            out.println(RulesFolder.summary(folder.label(), loaded) + "; no case was run");
            return ExitCodes.FINDINGS;
        }
        KnowledgeBase kb = loaded.knowledgeBase();
        LibraryRun run = LibraryRun.run(kb, folder.casesRoot(), interviews);
        out.print(CaseLibraryReport.render(run, kb, verbose, style));
        List<String> gaps = minCoverage == null ? List.of() : run.gapsBelow(minCoverage);
        gaps.forEach(g -> out.println("error: coverage of " + g));
        return run.passed() && gaps.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
