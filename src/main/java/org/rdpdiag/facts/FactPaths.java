package org.rdpdiag.facts;

import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The dotted names of every observation ({@code host.tls12ServerEnabled}), derived from the
 * records so that rules, checks, the schema and reports all speak of facts the same way.
 *
 * <p>Reading an observation is on the hot path of every diagnosis (evidence capture, the
 * assessment, check selection), so each path's accessor is bound once, here, to a plain function
 * call instead of a reflective invocation.
 */
public final class FactPaths {
    private static final Map<String, Class<? extends Record>> SECTIONS = new LinkedHashMap<>();
    private static final Map<Class<?>, String> SECTION_OF_TYPE = new LinkedHashMap<>();
    /** Every observation's accessors, in schema order. */
    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();
    /** The same, by section record type and field name. */
    private static final Map<Class<?>, Map<String, Field>> FIELDS_OF_TYPE = new HashMap<>();
    /** Every observation's position in schema order, and its accessors by position. */
    private static final Map<String, Integer> INDEX = new HashMap<>();
    private static final Field[] BY_INDEX;
    private static final String[] PATHS;

    /** How to read one observation: from its section record, and from the whole facts. */
    private record Field(Class<?> sectionType, Function<Object, Object> ofSection, Function<HostFacts, Object> ofFacts) {}

    static {
        SECTIONS.put("error", ErrorReport.class);
        SECTIONS.put("client", Client.class);
        SECTIONS.put("host", Host.class);
        SECTIONS.put("network", Network.class);
        SECTIONS.put("gateway", Gateway.class);
        Map<String, Function<HostFacts, Object>> sectionOfFacts = Map.of(
                "error", HostFacts::error, "client", HostFacts::client, "host", HostFacts::host,
                "network", HostFacts::network, "gateway", HostFacts::gateway);
        SECTIONS.forEach((name, type) -> {
            SECTION_OF_TYPE.put(type, name);
            Map<String, Field> byName = new HashMap<>();
            Function<HostFacts, Object> section = sectionOfFacts.get(name);
            for (RecordComponent c : type.getRecordComponents()) {
                Function<Object, Object> read = accessor(type, c);
                Field field = new Field(type, read, facts -> read.apply(section.apply(facts)));
                FIELDS.put(name + "." + c.getName(), field);
                byName.put(c.getName(), field);
            }
            FIELDS_OF_TYPE.put(type, byName);
        });
        BY_INDEX = FIELDS.values().toArray(new Field[0]);
        PATHS = FIELDS.keySet().toArray(new String[0]);
        FIELDS.keySet().forEach(path -> INDEX.put(path, INDEX.size()));
    }

    private FactPaths() {}

    public static Map<String, Class<? extends Record>> sections() {
        return Collections.unmodifiableMap(SECTIONS);
    }

    /** The section name of a section record type ({@code Host.class} is {@code host}). */
    public static Optional<String> sectionOf(Class<?> type) {
        return Optional.ofNullable(SECTION_OF_TYPE.get(type));
    }

    public static boolean exists(String path) {
        return FIELDS.containsKey(path);
    }

    public static Set<String> all() {
        return Collections.unmodifiableSet(FIELDS.keySet());
    }

    /** How many observations there are. */
    public static int count() {
        return BY_INDEX.length;
    }

    /** The position of an observation in schema order ({@link #all()}), or -1 when there is no such observation. */
    public static int indexOf(String path) {
        Integer i = INDEX.get(path);
        return i == null ? -1 : i;
    }

    /**
     * Which observations the facts know, by position ({@link #indexOf}): one pass over the facts,
     * for code that asks "is it known?" of many paths of the same host.
     */
    public static boolean[] known(HostFacts facts) {
        boolean[] known = new boolean[BY_INDEX.length];
        for (int i = 0; i < BY_INDEX.length; i++) {
            known[i] = BY_INDEX[i].ofFacts().apply(facts) != null;
        }
        return known;
    }

    /** The value of one observation, or {@code null} when it is unknown. */
    public static Object valueOf(HostFacts facts, String path) {
        Field f = FIELDS.get(path);
        if (f == null) {
            throw new IllegalArgumentException("no such fact: " + path);
        }
        return f.ofFacts().apply(facts);
    }

    /** The value of a field of a section record. */
    public static Object valueOf(Object sectionRecord, String field) {
        Map<String, Field> fields = FIELDS_OF_TYPE.get(sectionRecord.getClass());
        Field f = fields == null ? null : fields.get(field);
        if (f == null) {
            throw new IllegalArgumentException("no such fact: " + field + " in " + sectionRecord.getClass().getSimpleName());
        }
        return f.ofSection().apply(sectionRecord);
    }

    /** The path of the observation at position {@code index} ({@link #indexOf}). */
    public static String pathAt(int index) {
        return PATHS[index];
    }

    /**
     * The observation at position {@code index} ({@link #indexOf}) read from {@code record} when the
     * record is that observation's section; {@code null} for any other object or an unknown value.
     */
    public static Object valueAt(int index, Object record) {
        Field f = BY_INDEX[index];
        return record != null && f.sectionType() == record.getClass() ? f.ofSection().apply(record) : null;
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, Object> accessor(Class<?> type, RecordComponent c) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle getter = lookup.unreflect(c.getAccessor());
            return (Function<Object, Object>) LambdaMetafactory.metafactory(lookup, "apply",
                    MethodType.methodType(Function.class), MethodType.methodType(Object.class, Object.class),
                    getter, MethodType.methodType(c.getType(), type)).getTarget().invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot bind the accessor of " + type.getSimpleName() + "." + c.getName(), e);
        }
    }
}
