package org.rdpdiag.facts;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dotted names of every observation ({@code host.tls12ServerEnabled}), derived from the
 * records so that rules, checks, the schema and reports all speak of facts the same way.
 */
public final class FactPaths {
    private static final Map<String, Class<? extends Record>> SECTIONS = new LinkedHashMap<>();
    private static final Map<Class<?>, String> SECTION_OF_TYPE = new LinkedHashMap<>();
    private static final Map<String, RecordComponent> COMPONENTS = new LinkedHashMap<>();

    static {
        SECTIONS.put("error", ErrorReport.class);
        SECTIONS.put("client", Client.class);
        SECTIONS.put("host", Host.class);
        SECTIONS.put("network", Network.class);
        SECTIONS.put("gateway", Gateway.class);
        SECTIONS.forEach((name, type) -> {
            SECTION_OF_TYPE.put(type, name);
            for (RecordComponent c : type.getRecordComponents()) {
                COMPONENTS.put(name + "." + c.getName(), c);
            }
        });
    }

    private FactPaths() {}

    public static Map<String, Class<? extends Record>> sections() {
        return SECTIONS;
    }

    /** The section name of a section record type ({@code Host.class} is {@code host}). */
    public static Optional<String> sectionOf(Class<?> type) {
        return Optional.ofNullable(SECTION_OF_TYPE.get(type));
    }

    public static boolean exists(String path) {
        return COMPONENTS.containsKey(path);
    }

    public static java.util.Set<String> all() {
        return COMPONENTS.keySet();
    }

    /** The value of one observation, or {@code null} when it is unknown. */
    public static Object valueOf(HostFacts facts, String path) {
        RecordComponent c = COMPONENTS.get(path);
        if (c == null) {
            throw new IllegalArgumentException("no such fact: " + path);
        }
        String section = path.substring(0, path.indexOf('.'));
        Object record = switch (section) {
            case "error" -> facts.error();
            case "client" -> facts.client();
            case "host" -> facts.host();
            case "network" -> facts.network();
            default -> facts.gateway();
        };
        return read(c, record);
    }

    /** The value of a field of a section record. */
    public static Object valueOf(Object sectionRecord, String field) {
        String section = sectionOf(sectionRecord.getClass()).orElseThrow();
        return read(COMPONENTS.get(section + "." + field), sectionRecord);
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }
}
