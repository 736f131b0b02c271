package org.rdpdiag.batch;

/**
 * How a run ended. Counts cover the whole output, including what an interrupted run had already
 * written before this one resumed it.
 *
 * @param records     records in the output
 * @param resumed     of those, records an earlier run had written
 * @param diagnosed   records diagnosed
 * @param invalid     records whose facts were not valid
 * @param failed      records on which the rules failed
 * @param internal    of the failed records, those that failed for a reason other than the rules
 * @param interrupted true when the run was stopped before the end of its input
 */
public record BatchSummary(long records, long resumed, long diagnosed, long invalid, long failed, long internal,
        long elapsedNanos, boolean interrupted) {

    /** Records per second over this run's own records. */
    public double rate() {
        return elapsedNanos <= 0 ? 0 : (records - resumed) * 1e9 / elapsedNanos;
    }
}
