package org.rdpdiag.batch;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * How far a run has come. Counts are of this run; a resumed run starts after the records it
 * skipped. The estimates come from the share of the input bytes consumed, since the number of
 * records is not known before the input is read.
 *
 * @param done        records written by this run
 * @param invalid     of those, records whose facts were not valid
 * @param failed      of those, records on which the rules failed
 * @param skipped     records skipped because an earlier run already wrote them
 * @param bytesDone   input bytes behind the last record written (skipped records included)
 * @param bytesAtStart input bytes skipped before this run started its own work
 * @param bytesTotal  input bytes in all, or -1 when unknown (standard input)
 * @param elapsedNanos time since this run started its own work
 */
public record Progress(long done, long invalid, long failed, long skipped, long bytesDone, long bytesAtStart,
        long bytesTotal, long elapsedNanos) {

    /** Records per second so far. */
    public double rate() {
        return elapsedNanos <= 0 ? 0 : done * 1e9 / elapsedNanos;
    }

    /** The share of the input done, when the input's size is known. */
    public OptionalDouble fraction() {
        if (bytesTotal <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.min(1.0, (double) bytesDone / bytesTotal));
    }

    /** Seconds left at the rate so far, when the input's size is known and work has been done. */
    public OptionalLong secondsLeft() {
        long own = bytesDone - bytesAtStart;
        if (bytesTotal <= 0 || own <= 0 || elapsedNanos <= 0) {
            return OptionalLong.empty();
        }
        double perByte = elapsedNanos / 1e9 / own;
        return OptionalLong.of(Math.max(0, Math.round(perByte * (bytesTotal - bytesDone))));
    }
}
