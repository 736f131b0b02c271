package org.rdpdiag.batch;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.knowledge.Catalog;

/**
 * Turns the data of a fleet report into its page. Batch gathers the data (a {@link HostSection}
 * per record, the {@link CauseHost} and {@link ProblemRow} lists, the {@link FleetSummary}) and
 * decides where each piece goes; the renderer, which the caller supplies (the command line passes
 * the report package's HTML page), decides how each piece looks.
 *
 * <p>The page can describe millions of hosts, so it is never held in memory: a record's section
 * is rendered on the worker thread that diagnosed it (the diagnosis is not kept) and staged on
 * disk as one line next to its result, and the page streams the long parts back through
 * {@link Parts}. That is why every piece is a single line of text.
 */
public interface FleetRenderer {
    /** The section of one record, in input order on the page. One line, with no line break in it. */
    String section(HostSection section);

    /** An item of a cause's host list. One line, ending with a line break. */
    String causeHost(CauseHost host);

    /** A row of the table of records that could not be diagnosed. One line, ending with a line break. */
    String problemRow(ProblemRow row);

    /** Writes the whole page; the plan steps are described from {@code catalog}. */
    void page(FleetSummary summary, Catalog catalog, Parts parts, Writer out) throws IOException;

    /** What the page shows of one record. */
    sealed interface HostSection permits Diagnosed, Undiagnosed {
        /** The record's 1-based position in the inputs, which is also its anchor on the page. */
        long index();

        /** Where the record was read, as {@code file:line}. */
        String location();
    }

    /** A diagnosed host: its whole diagnosis. */
    record Diagnosed(long index, String location, Diagnosis diagnosis) implements HostSection {}

    /** A record that was not diagnosed: why, with every problem found. */
    record Undiagnosed(long index, String id, String location, HostResult.Outcome outcome, List<String> problems)
            implements HostSection {
        public Undiagnosed {
            problems = List.copyOf(problems);
        }
    }

    /** A host on which a cause is confirmed or likely, listed under that cause. */
    record CauseHost(long index, String id, String status, double confidence) {}

    /** A record that could not be diagnosed, with its first problem. */
    record ProblemRow(long index, String id, String location, String problem) {}

    /** The long parts of the page, streamed from the run's files when the page asks for them. */
    interface Parts {
        /** Writes the {@link #causeHost} items of the hosts on which a cause is confirmed or likely. */
        void causeHosts(String causeId, Writer out) throws IOException;

        /** Writes the {@link #problemRow} rows of the records that could not be diagnosed. */
        void problems(Writer out) throws IOException;

        /** Writes the {@link #section} of every record, in input order, one per line. */
        void hosts(Writer out) throws IOException;
    }
}
