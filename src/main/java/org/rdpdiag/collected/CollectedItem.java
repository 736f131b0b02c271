package org.rdpdiag.collected;

import java.util.Map;
import java.util.Optional;

/**
 * One thing a collector asked for and what came back.
 *
 * @param id      which item of the collectors' table it is (see docs/collect.md)
 * @param kind    how it was read: registry, service, events, ...
 * @param query   what was asked, as recorded (registry path and value name, cmdlet, log and ids)
 * @param result  the raw result as plain values (maps, lists, strings, numbers, booleans), or null
 *                when the item recorded an error
 * @param error   the error recorded instead of a result, or null
 * @param readAt  when it was read (UTC, ISO 8601), as recorded
 * @param file    the evidence file it came from
 * @param line    where the item starts in that file (1-based)
 * @param column  where the item starts in that file (1-based)
 */
public record CollectedItem(String id, String kind, Map<String, Object> query, Object result, Error error, String readAt,
        String file, int line, int column) {

    /** An error a collector recorded instead of a result. */
    public record Error(String kind, String message) {
        /** The value or key does not exist: for many settings, the documented default applies. */
        public boolean notPresent() {
            return "not-present".equals(kind);
        }
    }

    public boolean failed() {
        return error != null;
    }

    /** A string field of the query, when it has one. */
    public Optional<String> queried(String key) {
        return query.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
