package org.rdpdiag.collected;

import java.util.List;

/**
 * One collector's output.
 *
 * @param name        the file name, as problems cite it
 * @param side        where the collector ran
 * @param computer    the computer's name as recorded (a placeholder when redacted)
 * @param collectedAt when the collection started (UTC, ISO 8601)
 * @param redacted    whether names and addresses were replaced by placeholders
 * @param targetHost  for a client collection, the host it tested; null otherwise
 * @param items       every item, in file order
 */
public record EvidenceFile(String name, Side side, String computer, String collectedAt, boolean redacted, String targetHost,
        List<CollectedItem> items) {

    public EvidenceFile {
        items = List.copyOf(items);
    }
}
