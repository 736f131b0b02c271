package org.rdpdiag.interview;

import org.rdpdiag.engine.Status;

/** How one answer would move one cause: from its current status and confidence to new ones. */
public record Move(String cause, Status fromStatus, double fromConfidence, Status toStatus, double toConfidence) {
    public boolean changes() {
        return fromStatus != toStatus || Math.abs(fromConfidence - toConfidence) >= 0.005;
    }
}
