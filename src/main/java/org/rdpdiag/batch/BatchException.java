package org.rdpdiag.batch;

/** A run that cannot start or go on, for a reason the user can act on. */
public class BatchException extends RuntimeException {
    public BatchException(String message) {
        super(message);
    }

    /** The command line asks for something impossible: a missing input, an output that cannot be resumed. */
    public static final class Usage extends BatchException {
        public Usage(String message) {
            super(message);
        }
    }

    /** An output could not be written during the run (a full disk, a removed folder); what was written is kept. */
    public static final class Output extends BatchException {
        public Output(String message) {
            super(message);
        }
    }
}
