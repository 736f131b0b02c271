package org.rdpdiag.batch;

/** Follows a run; knows nothing of how progress is shown. Called from the thread that writes results. */
public interface BatchListener {
    BatchListener NONE = new BatchListener() {};

    /** After the outputs are open and any resumed records skipped. */
    default void started(Progress start) {}

    /** After each group of records written (a few hundred at a time). */
    default void progress(Progress now) {}
}
