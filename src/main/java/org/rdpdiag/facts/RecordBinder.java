package org.rdpdiag.facts;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the fact records from a tree the schema has validated. Every value already has the
 * type its record component expects (whole numbers are {@link Integer}, other numbers
 * {@link Double}, lists hold integers), so binding is a direct constructor call per section.
 * Reading facts in bulk spends half its time here when a general data binder does the job.
 */
final class RecordBinder {
    private static final Section ERROR = new Section(ErrorReport.class);
    private static final Section CLIENT = new Section(Client.class);
    private static final Section HOST = new Section(Host.class);
    private static final Section NETWORK = new Section(Network.class);
    private static final Section GATEWAY = new Section(Gateway.class);

    private RecordBinder() {}

    static HostFacts bind(Map<String, Object> tree) {
        return bind(tree, List.of());
    }

    /**
     * @param places where each entry of {@code tried} was written, in order; empty when not known,
     *               else one per entry
     */
    static HostFacts bind(Map<String, Object> tree, List<FactsLocation> places) {
        return new HostFacts((String) tree.get("id"), (ErrorReport) ERROR.bind(tree.get("error")),
                (Client) CLIENT.bind(tree.get("client")), (Host) HOST.bind(tree.get("host")),
                (Network) NETWORK.bind(tree.get("network")), (Gateway) GATEWAY.bind(tree.get("gateway")),
                tried(tree.get("tried"), places));
    }

    /** The entries of a validated {@code tried} list: mappings with a step and an outcome word. */
    private static List<Tried> tried(Object list, List<FactsLocation> places) {
        if (!(list instanceof List<?> entries) || entries.isEmpty()) {
            return List.of();
        }
        List<Tried> out = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            Map<?, ?> m = (Map<?, ?>) entry;
            out.add(new Tried((String) m.get("step"), TriedOutcome.of((String) m.get("outcome"))));
        }
        return places.isEmpty() ? out : new TriedList(out, places);
    }

    /** One section record type: its canonical constructor and component names and types. */
    private static final class Section {
        private final Constructor<?> constructor;
        private final String[] names;
        private final Class<?>[] types;

        Section(Class<? extends Record> type) {
            RecordComponent[] components = type.getRecordComponents();
            names = new String[components.length];
            types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                types[i] = components[i].getType();
            }
            try {
                constructor = type.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("no canonical constructor in " + type.getSimpleName(), e);
            }
        }

        /** The record for a section's mapping; {@code null} (an absent or empty section) stays null. */
        Object bind(Object section) {
            if (!(section instanceof Map<?, ?> values)) {
                return null;
            }
            Object[] args = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                args[i] = convert(values.get(names[i]), types[i], names[i]);
            }
            try {
                return constructor.newInstance(args);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("cannot build " + constructor.getDeclaringClass().getSimpleName(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + constructor.getDeclaringClass().getSimpleName(), e);
            }
        }

        private static Object convert(Object value, Class<?> type, String name) {
            if (value == null || type.isInstance(value)) {
                return value;
            }
            if (type == Double.class && value instanceof Number n) {
                return n.doubleValue();
            }
            if (type == Integer.class && value instanceof Number n && n.doubleValue() == n.intValue()) {
                return n.intValue();
            }
            throw new IllegalStateException("the validated value of '" + name + "' is a " + value.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
    }
}
