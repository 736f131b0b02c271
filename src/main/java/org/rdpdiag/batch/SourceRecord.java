package org.rdpdiag.batch;

import org.rdpdiag.facts.HostFacts;

/**
 * One host's record as a source found it: where it is, and how to read it. Reading (decoding,
 * parsing, validating) is left to {@link #read()} so that it runs on a worker thread, not on the
 * thread that splits the input.
 *
 * @param file      the file as the user named it ({@code <stdin>} for standard input)
 * @param line      the line of {@code file} on which the record starts (1 for a whole file)
 * @param number    the record's number within its file, from 1
 * @param defaultId the host's id when the record does not name one
 * @param consumed  input bytes consumed up to the end of this record, over all inputs (for progress)
 * @param reader    reads and validates the record; throws {@link org.rdpdiag.facts.FactsException}
 *                  when it is not valid facts
 */
public record SourceRecord(String file, int line, int number, String defaultId, long consumed, Reader reader) {

    /** Turns a record into facts. */
    @FunctionalInterface
    public interface Reader {
        HostFacts read();
    }

    public HostFacts read() {
        return reader.read();
    }

    /** {@code file:line}, as messages cite it. */
    public String location() {
        return file + ":" + line;
    }
}
