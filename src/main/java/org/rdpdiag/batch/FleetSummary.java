package org.rdpdiag.batch;

import java.util.List;

/**
 * The fleet in numbers, as a batch run leaves it: what the fleet report shows above the host
 * lists. Plain data; {@link FleetRenderer} decides how it looks.
 *
 * @param generated    when the report was assembled, as it is shown
 * @param undetermined diagnosed hosts on which no cause is confirmed or likely
 * @param knowledge    which knowledge base produced the diagnoses (fingerprint and origin)
 * @param causes       one row per cause, the most often leading first
 * @param steps        the ids of the plan steps the hosts' plans use, in order of first use
 */
public record FleetSummary(String generated, List<String> inputs, long hosts, long diagnosed, long invalid, long failed,
        long undetermined, String knowledge, List<CauseRow> causes, List<String> steps) {
    public FleetSummary {
        inputs = List.copyOf(inputs);
        causes = List.copyOf(causes);
        steps = List.copyOf(steps);
    }

    /** One cause's counts over the fleet; {@code leading} counts the hosts it heads. */
    public record CauseRow(String id, String title, long confirmed, long likely, long possible, long ruledOut,
            long leading) {}
}
