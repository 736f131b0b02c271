package org.rdpdiag.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What the published schema says about one observation: its kind of value, the allowed values,
 * the range, what it means and how to read it on Windows. The interview uses it to ask and to
 * check answers exactly as the facts reader would.
 *
 * @param kind    {@code boolean}, {@code integer}, {@code number}, {@code string}, {@code code}
 *                (an error code) or {@code integer-list}
 * @param allowed the closed set of values (for lists: of items), empty when open
 * @param maxLength the longest text allowed (free-text fields), or null
 * @param where   where it is read: client, host, azure-portal, gateway
 */
public record FactField(String path, String kind, List<Object> allowed, Double minimum, Double maximum,
        Integer maxLength, String description, List<String> where, String how) {

    public static Optional<FactField> of(String path) {
        JsonNode node = FactsSchema.bundled().fieldNode(path);
        if (node == null) {
            return Optional.empty();
        }
        List<String> types = FactsSchema.types(node);
        String kind;
        JsonNode valueNode = node;
        if ("code".equals(node.path("x-format").asString(""))) {
            kind = "code";
        } else if (types.contains("array")) {
            kind = "integer-list";
            valueNode = node.path("items");
        } else if (types.contains("boolean")) {
            kind = "boolean";
        } else if (types.contains("integer")) {
            kind = "integer";
        } else if (types.contains("number")) {
            kind = "number";
        } else {
            kind = "string";
        }
        List<Object> allowed = new ArrayList<>();
        valueNode.path("enum").forEach(v -> allowed.add(v.isNumber() ? (Object) v.asInt() : v.asString()));
        Double min = valueNode.has("minimum") ? valueNode.get("minimum").asDouble() : null;
        Double max = valueNode.has("maximum") ? valueNode.get("maximum").asDouble() : null;
        Integer maxLength = valueNode.has("maxLength") ? valueNode.get("maxLength").asInt() : null;
        List<String> where = new ArrayList<>();
        node.path("x-windows").path("where").forEach(w -> where.add(w.asString()));
        return Optional.of(new FactField(path, kind, List.copyOf(allowed), min, max, maxLength, node.path("description").asString(""),
                List.copyOf(where), node.path("x-windows").path("how").asString("")));
    }
}
