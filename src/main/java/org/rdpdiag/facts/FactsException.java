package org.rdpdiag.facts;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A facts file cannot be used. Carries every problem found in it (in file order), so that a user
 * can fix them all in one pass; only a file that cannot be parsed at all yields a single problem.
 */
public class FactsException extends RuntimeException {
    private final List<FactsProblem> problems;

    public FactsException(List<FactsProblem> problems) {
        super(problems.stream().map(FactsProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a FactsException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<FactsProblem> problems() {
        return problems;
    }
}
