package org.rdpdiag.knowledge;

import java.util.List;
import java.util.stream.Collectors;

/** The knowledge base cannot be used; carries every problem found, not just the first. */
public class KnowledgeException extends RuntimeException {
    private final List<KnowledgeProblem> problems;

    public KnowledgeException(List<KnowledgeProblem> problems) {
        super(problems.stream().map(KnowledgeProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<KnowledgeProblem> problems() {
        return problems;
    }
}
