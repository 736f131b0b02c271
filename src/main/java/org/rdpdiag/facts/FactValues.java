package org.rdpdiag.facts;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Facts as a flat map of known observations ({@code host.nlaRequired -> true}) and back. The
 * interview builds facts one answer at a time this way, and {@code --save} writes them in the
 * facts-file layout.
 */
public final class FactValues {
    private static final JsonMapper BINDER = JsonMapper.builder().build();

    private FactValues() {}

    /** The known observations, in schema order; unknown ones are absent. */
    public static Map<String, Object> of(HostFacts facts) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String path : FactPaths.all()) {
            Object v = FactPaths.valueOf(facts, path);
            if (v != null) {
                out.put(path, v);
            }
        }
        return out;
    }

    /** Facts holding exactly the given observations. */
    public static HostFacts toFacts(String id, Map<String, Object> values) {
        return BINDER.convertValue(nested(id, values), HostFacts.class);
    }

    /** The facts-file layout: {@code id}, then one mapping per section, in schema order. */
    public static Map<String, Object> nested(String id, Map<String, Object> values) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (id != null) {
            root.put("id", id);
        }
        for (String path : FactPaths.all()) {
            if (!values.containsKey(path)) {
                continue;
            }
            String section = path.substring(0, path.indexOf('.'));
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) root.computeIfAbsent(section, k -> new LinkedHashMap<String, Object>());
            m.put(path.substring(section.length() + 1), values.get(path));
        }
        return root;
    }
}
