package org.rdpdiag.batch;

/**
 * How many results came out which way: what a run reports at its end, counting what a resumed
 * run already held.
 *
 * @param internal the failed ones that failed for a reason other than the rules (an internal error)
 */
record Counts(long diagnosed, long invalid, long failed, long internal) {
    static final Counts NONE = new Counts(0, 0, 0, 0);

    /** These counts with one more result. */
    Counts plus(HostResult r, boolean internalFault) {
        return switch (r.outcome()) {
            case DIAGNOSED -> new Counts(diagnosed + 1, invalid, failed, internal);
            case INVALID -> new Counts(diagnosed, invalid + 1, failed, internal);
            case FAILED -> new Counts(diagnosed, invalid, failed + 1, internal + (internalFault ? 1 : 0));
        };
    }
}
