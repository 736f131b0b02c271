package org.rdpdiag.facts;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The observed values of one failing connection, one slot per observation of a
 * {@link Vocabulary}, in its order; {@code null} is "not known". Immutable.
 *
 * <p>Values have the Java type of their declaration: {@link Boolean}, {@link Integer} (integer and
 * code), {@link Double} (number), {@link String} (text) or an unmodifiable {@code List<Integer>}.
 */
public final class Observations {
    private final Vocabulary vocabulary;
    private final Object[] values;

    private Observations(Vocabulary vocabulary, Object[] values) {
        this.vocabulary = vocabulary;
        this.values = values;
    }

    /** Nothing known. */
    public static Observations none(Vocabulary vocabulary) {
        return new Observations(vocabulary, new Object[vocabulary.size()]);
    }

    /**
     * The given values by path, each turned into its declared Java type (a whole number given for a
     * number becomes a {@link Double}, and so on).
     *
     * @throws IllegalArgumentException for a path the vocabulary does not declare, or a value that
     *                                  cannot have the declared type
     */
    public static Observations of(Vocabulary vocabulary, Map<String, ?> byPath) {
        Object[] values = new Object[vocabulary.size()];
        byPath.forEach((path, value) -> {
            int i = vocabulary.indexOf(path);
            if (i < 0) {
                throw new IllegalArgumentException("no such observation: " + path);
            }
            values[i] = typed(vocabulary, i, value);
        });
        return new Observations(vocabulary, values);
    }

    /** Values of a section mapping as validated by the schema, for each section of the tree. */
    static Observations ofTree(Vocabulary vocabulary, Map<String, Object> tree) {
        Object[] values = new Object[vocabulary.size()];
        for (Vocabulary.Section s : vocabulary.sections()) {
            if (tree.get(s.name()) instanceof Map<?, ?> section) {
                for (int i = s.first(); i < s.end(); i++) {
                    String path = vocabulary.pathAt(i);
                    values[i] = typed(vocabulary, i, section.get(path.substring(s.name().length() + 1)));
                }
            }
        }
        return new Observations(vocabulary, values);
    }

    private static Object typed(Vocabulary vocabulary, int i, Object value) {
        if (value == null) {
            return null;
        }
        Vocabulary.ValueType type = vocabulary.typeAt(i);
        Object out = switch (type) {
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case TEXT -> value instanceof String ? value : null;
            case NUMBER -> value instanceof Number n ? (Object) n.doubleValue() : null;
            case INTEGER, CODE -> value instanceof Number n && n.doubleValue() == n.intValue() ? (Object) n.intValue() : null;
            case INTEGER_LIST -> value instanceof List<?> list && list.stream().allMatch(v -> v instanceof Number)
                    ? list.stream().map(v -> ((Number) v).intValue()).toList() : null;
        };
        if (out == null) {
            throw new IllegalArgumentException("the value of '" + vocabulary.pathAt(i) + "' is a "
                    + value.getClass().getSimpleName() + ", not " + type.word());
        }
        return out;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The value at a position of the vocabulary, or {@code null} when unknown. */
    public Object get(int index) {
        return values[index];
    }

    /**
     * The value of an observation, or {@code null} when unknown.
     *
     * @throws IllegalArgumentException for a path the vocabulary does not declare
     */
    public Object get(String path) {
        int i = vocabulary.indexOf(path);
        if (i < 0) {
            throw new IllegalArgumentException("no such observation: " + path);
        }
        return values[i];
    }

    /** Which observations are known, by position: one pass, for code that asks it of many paths. */
    public boolean[] known() {
        boolean[] known = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            known[i] = values[i] != null;
        }
        return known;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Observations other && other.vocabulary.equals(vocabulary) && Arrays.equals(other.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                b.append(b.length() > 1 ? ", " : "").append(vocabulary.pathAt(i)).append('=').append(values[i]);
            }
        }
        return b.append('}').toString();
    }
}
