package org.rdpdiag.authoring;

import java.nio.file.Path;
import java.util.List;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeProblem;

/**
 * {@code rules test}: every case of a rules folder's library, run against its knowledge base,
 * with the coverage they reach.
 *
 * @param unreadable problems of case files that could not be read (each is a failure too)
 */
public record LibraryRun(List<CaseOutcome> outcomes, List<KnowledgeProblem> unreadable, Coverage coverage) {

    public long failed() {
        return outcomes.stream().filter(o -> !o.passed()).count() + unreadable.size();
    }

    public boolean passed() {
        return failed() == 0;
    }

    /**
     * Runs the library, cases in parallel (each case is independent and the service is
     * thread-safe); the outcomes keep the cases' order.
     *
     * @param interviews replay the interview on every case, so that question coverage is measured
     */
    public static LibraryRun run(KnowledgeBase kb, Path rulesDir, boolean interviews) {
        CaseReader.Library library = CaseReader.library(rulesDir, kb.vocabulary());
        CaseRunner runner = new CaseRunner(new DiagnoseService(kb));
        List<CaseOutcome> outcomes = library.cases().parallelStream().map(c -> runner.run(c, interviews)).toList();
        return new LibraryRun(outcomes, library.problems(), Coverage.of(kb, outcomes));
    }

    /** The gaps below a minimum percentage, one line each; empty when every part reaches it. */
    public List<String> gapsBelow(double minPercent) {
        return coverage.parts().stream().filter(p -> p.percent() + 1e-9 < minPercent)
                .map(p -> String.format(java.util.Locale.ROOT, "%s: %.1f%% is below the minimum of %.1f%%", p.kind(),
                        p.percent(), minPercent))
                .toList();
    }
}
