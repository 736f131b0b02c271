package org.rdpdiag.diagnosis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsLocation;
import org.rdpdiag.facts.FactsProblem;
import org.rdpdiag.facts.Hints;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Tried;
import org.rdpdiag.knowledge.Catalog;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.Fix;

/**
 * Checks that every step the facts list as tried names a fix of the knowledge base. The facts
 * layer checks only the form of a step's id; which ids exist depends on the knowledge base the
 * diagnosis runs with, so it is checked here. A wrong step is a mistake in the facts, reported
 * like the reader's own: where the step is written, with the closest fix id as suggestion.
 */
final class TriedSteps {
    private final Set<String> fixes;
    private final Set<String> checks;

    TriedSteps(Catalog catalog) {
        // In catalogue order, so that of two equally close ids the suggestion is always the same.
        this.fixes = catalog.fixes().stream().map(Fix::id).collect(Collectors.toCollection(LinkedHashSet::new));
        this.checks = catalog.checks().stream().map(Check::id).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @throws FactsException listing every tried step that names no fix, located where the step
     *                        is written when the facts were read from a file
     */
    void check(HostFacts facts) {
        List<Tried> tried = facts.tried();
        if (tried.isEmpty()) {
            return;
        }
        List<FactsProblem> problems = new ArrayList<>();
        for (int i = 0; i < tried.size(); i++) {
            String step = tried.get(i).step();
            if (fixes.contains(step)) {
                continue;
            }
            String path = "tried[" + i + "].step: ";
            FactsLocation at = facts.triedAt(i).orElseGet(() -> new FactsLocation(facts.id() == null ? "facts" : facts.id(), 1, 1));
            if (checks.contains(step)) {
                problems.add(at.problem(path + "'" + step + "' is a check, not a fix: only fixes are tried",
                        "write what the check showed in the facts' fields instead"));
            } else {
                problems.add(at.problem(path + "no step with id '" + step + "' in the knowledge base",
                        Hints.closest(step, fixes).map(s -> "did you mean '" + s + "'?")
                                .orElse("copy the id from the plan, in brackets after the step's title")));
            }
        }
        if (!problems.isEmpty()) {
            throw new FactsException(problems, facts.id());
        }
    }
}
