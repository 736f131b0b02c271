package org.rdpdiag.batch;

import java.util.List;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactsProblem;

/**
 * What a run says about one record: the host's leading causes and plan, or why it could not be
 * diagnosed. This is what the JSON Lines and CSV outputs carry (see {@code docs/batch.md}).
 *
 * @param index    the record's position in the run's input order, from 1
 * @param id       the host's id: from the record, else the file name and record number
 * @param file     the input file the record came from
 * @param line     the line of {@code file} on which the record starts
 * @param causes   every confirmed and likely cause, then the most likely possible ones, ranked
 * @param ruledOut the ids of the causes ruled out
 * @param plan     the ids of the plan's steps, in order
 * @param problems for a record that was not diagnosed: every problem found, located
 */
public record HostResult(long index, String id, String file, int line, Outcome outcome, List<RankedCause> causes,
        List<String> ruledOut, List<String> plan, List<FactsProblem> problems) {

    /** Whether the record was diagnosed. */
    public enum Outcome {
        /** Diagnosed: causes and plan are filled in. */
        DIAGNOSED("diagnosed"),
        /** Not valid facts: {@code problems} says where and why. */
        INVALID("invalid"),
        /** Valid facts on which the rules failed (a fault of the knowledge base, not of the record). */
        FAILED("failed");

        private final String word;

        Outcome(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** One cause of the ranking. */
    public record RankedCause(String id, Status status, double confidence, boolean contradictory) {}

    public HostResult {
        causes = List.copyOf(causes);
        ruledOut = List.copyOf(ruledOut);
        plan = List.copyOf(plan);
        problems = List.copyOf(problems);
    }

    /** The first cause when it is confirmed or likely: what the host most probably suffers from. */
    public RankedCause leading() {
        if (causes.isEmpty()) {
            return null;
        }
        RankedCause first = causes.get(0);
        return first.status().confirmedOrLikely() ? first : null;
    }
}
