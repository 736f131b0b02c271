package org.rdpdiag.authoring;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rdpdiag.facts.HostFacts;

/**
 * One recorded case of the case library: a host's facts and what the knowledge base must make
 * of them. Every expectation is optional; a case states only what it is about.
 *
 * @param file        the case file
 * @param name        the file name without {@code .yaml}; also the host id when the facts have none
 * @param description what the case is about, for the failure report
 * @param facts       the facts, inline or from the facts file the case names
 * @param expect      the expectations
 * @param lines       the line of each expectation in the file ({@code causes.<id>}, {@code plan.order[2]}...)
 */
public record CaseSpec(Path file, String name, String description, HostFacts facts, Expectations expect,
        Map<String, Integer> lines) {

    /**
     * @param causes        cause id to the status it must end with
     * @param notConfirmed  causes that must not end confirmed
     * @param topCause      the cause that must rank first among the real causes
     * @param planStartsWith the first plan steps, in order, by id
     * @param planIncludes  steps that must be in the plan
     * @param planExcludes  steps that must not be in the plan
     * @param planOrder     pairs of steps, the first before the second
     * @param maxQuestions  the interview, replayed from these facts, asks at most this many questions
     * @param interviewTop  the cause that must lead when that interview ends
     * @param setAside      the paths of the readings the diagnosis must set aside as stale, in any
     *                      order ([] for none); null when the case does not say
     * @param noKnownCause  true when the honest answer is that no known cause fits (nothing but
     *                      circumstances confirmed or likely), false when one must; null: not said
     */
    public record Expectations(Map<String, String> causes, List<String> notConfirmed, String topCause,
            List<String> planStartsWith, List<String> planIncludes, List<String> planExcludes, List<Order> planOrder,
            Integer maxQuestions, String interviewTop, List<String> setAside,
            Boolean noKnownCause) {

        public boolean needsInterview() {
            return maxQuestions != null || interviewTop != null;
        }
    }

    /** "{@code first} before {@code then}" in the plan. */
    public record Order(String first, String then) {}

    /** The line of an expectation, or the case file's first line. */
    public int line(String key) {
        return lines.getOrDefault(key, 1);
    }
}
