package org.rdpdiag.batch;

import java.io.Closeable;
import java.io.IOException;

/**
 * The records of one input, in order. A source never fails on bad content: what it cannot make
 * a record of (a line that is too long, a bad CSV header, a file that cannot be read) becomes a
 * record whose {@link SourceRecord#read()} throws the located problem, so the run reports it and
 * goes on.
 */
interface RecordSource extends Closeable {
    /** The next record, or {@code null} when the input is exhausted. */
    SourceRecord next() throws IOException;

    /** Input bytes consumed so far by this source. */
    long consumed();
}
