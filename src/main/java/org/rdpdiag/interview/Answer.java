package org.rdpdiag.interview;

/**
 * One answer given in the interview.
 *
 * @param value the recorded fact value, or null when the answer was "unknown"
 */
public record Answer(String questionId, String fact, Object value) {
    public boolean unknown() {
        return value == null;
    }
}
