package org.rdpdiag.facts;

import java.util.List;

/**
 * What the vocabulary declares about one observation: its kind of value, the allowed values, the
 * range, what it means and how to read it on Windows. The interview uses it to ask and to check
 * answers exactly as the facts reader would.
 *
 * @param kind      {@code boolean}, {@code integer}, {@code number}, {@code string}, {@code code}
 *                  (an error code) or {@code integer-list}
 * @param allowed   the closed set of values (for lists: of items), empty when open
 * @param maxLength the longest text allowed (free-text fields), or null
 * @param where     where it is read: client, host, azure-portal, gateway
 * @param unit      the unit of a number in words, or null
 */
public record FactField(String path, String kind, List<Object> allowed, Double minimum, Double maximum,
        Integer maxLength, String description, List<String> where, String how, String unit) implements java.io.Serializable {
}
