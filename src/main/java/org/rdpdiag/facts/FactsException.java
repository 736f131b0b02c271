package org.rdpdiag.facts;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A facts file cannot be used. Carries every problem found in it (in file order), so that a user
 * can fix them all in one pass; only a file that cannot be parsed at all yields a single problem.
 */
public class FactsException extends RuntimeException {
    private final List<FactsProblem> problems;
    private final String id;

    public FactsException(List<FactsProblem> problems) {
        this(problems, null);
    }

    /** @param id the id the facts give themselves, when it could be read despite the problems */
    public FactsException(List<FactsProblem> problems, String id) {
        super(problems.stream().map(FactsProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a FactsException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
        this.id = id;
    }

    public List<FactsProblem> problems() {
        return problems;
    }

    /** The id the facts give themselves, when it could be read although the facts are not valid. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }
}
