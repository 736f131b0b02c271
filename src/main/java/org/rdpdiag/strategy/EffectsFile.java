package org.rdpdiag.strategy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rdpdiag.knowledge.Weight;

/**
 * The answer effects the jar carries ({@link Strategy#BUNDLED_EFFECTS}), in a compact binary
 * form read entry by entry: a cold {@code diagnose} needs the effects of some fifty contexts of
 * the seven hundred the build learns, and parsing them all as JSON cost it more than the
 * valuation itself. The file starts with an index (each key with the place of its entry), the
 * texts every entry refers to by number, and the entries; only the index and the texts are read
 * at start, an entry when its context is first asked for.
 *
 * <p>Layout (big-endian, {@link DataOutputStream}): magic and version; the knowledge base's
 * fingerprint; the texts; the baseline of no context; the index of the baselines by context; the
 * index of the effects by key; the entries. Values keep their Java type (boolean, int, long,
 * double, text, list), so a foreseen answer reads back exactly as it was learnt.
 */
final class EffectsFile {
    private static final int MAGIC = 0x52445045;
    private static final int VERSION = 1;

    private static final int NULL = 0;
    private static final int BOOLEAN = 1;
    private static final int INT = 2;
    private static final int LONG = 3;
    private static final int DOUBLE = 4;
    private static final int TEXT = 5;
    private static final int LIST = 6;

    private static final Weight[] WEIGHTS = Weight.values();

    private final String fingerprint;
    private final String[] texts;
    private final Map<String, Map<String, Weight>> baseline;
    private final Map<String, Integer> baselineAt;
    private final Map<String, Integer> effectsAt;
    private final byte[] entries;

    private EffectsFile(String fingerprint, String[] texts, Map<String, Map<String, Weight>> baseline,
            Map<String, Integer> baselineAt, Map<String, Integer> effectsAt, byte[] entries) {
        this.fingerprint = fingerprint;
        this.texts = texts;
        this.baseline = baseline;
        this.baselineAt = baselineAt;
        this.effectsAt = effectsAt;
        this.entries = entries;
    }

    String fingerprint() {
        return fingerprint;
    }

    /** The rules' conclusions on a host that knows nothing. */
    Map<String, Map<String, Weight>> baseline() {
        return baseline;
    }

    /** The rules' conclusions on a host that knows only this context, or null when none was learnt. */
    Map<String, Map<String, Weight>> baseline(String context) {
        Integer at = baselineAt.get(context);
        return at == null ? null : read(at, in -> readEvidence(in));
    }

    /** The answers' effects learnt under this key, or null when none were. */
    List<AnswerEffects.Effect> effects(String key) {
        Integer at = effectsAt.get(key);
        return at == null ? null : read(at, this::readEffects);
    }

    /** Everything the file holds, decoded. */
    AnswerEffects.Snapshot snapshot() {
        Map<String, Map<String, Map<String, Weight>>> baselines = new TreeMap<>();
        baselineAt.keySet().forEach(k -> baselines.put(k, baseline(k)));
        Map<String, List<AnswerEffects.Effect>> effects = new TreeMap<>();
        effectsAt.keySet().forEach(k -> effects.put(k, effects(k)));
        return new AnswerEffects.Snapshot(fingerprint, baseline, baselines, effects);
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private <T> T read(int at, Reader<T> reader) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(entries, at, entries.length - at));
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    /**
     * Reads the index and the texts of a file written by {@link #write}.
     *
     * @throws IOException when it is not such a file, or of another version
     */
    static EffectsFile read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException("not an answer effects file of version " + VERSION);
        }
        String fingerprint = in.readUTF();
        String[] texts = new String[in.readInt()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = in.readUTF();
        }
        EffectsFile header = new EffectsFile(fingerprint, texts, null, null, null, null);
        Map<String, Map<String, Weight>> baseline = header.readEvidence(in);
        Map<String, Integer> baselineAt = readIndex(in);
        Map<String, Integer> effectsAt = readIndex(in);
        byte[] entries = new byte[in.readInt()];
        in.readFully(entries);
        return new EffectsFile(fingerprint, texts, baseline, baselineAt, effectsAt, entries);
    }

    private static Map<String, Integer> readIndex(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, Integer> index = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            index.put(in.readUTF(), in.readInt());
        }
        return index;
    }

    /** Conclusions by cause and rule, in the order they were written (the order learning met them in). */
    private Map<String, Map<String, Weight>> readEvidence(DataInputStream in) throws IOException {
        int causes = in.readInt();
        Map<String, Map<String, Weight>> out = new LinkedHashMap<>();
        for (int c = 0; c < causes; c++) {
            String cause = texts[in.readInt()];
            int rules = in.readInt();
            Map<String, Weight> byRule = new LinkedHashMap<>();
            for (int r = 0; r < rules; r++) {
                byRule.put(texts[in.readInt()], WEIGHTS[in.readByte()]);
            }
            out.put(cause, byRule);
        }
        return out;
    }

    private List<AnswerEffects.Effect> readEffects(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<AnswerEffects.Effect> out = new ArrayList<>(n);
        for (int e = 0; e < n; e++) {
            Object value = readValue(in);
            String label = texts[in.readInt()];
            int count = in.readInt();
            List<AnswerEffects.Delta> deltas = new ArrayList<>(count);
            for (int d = 0; d < count; d++) {
                int cause = in.readInt();
                String rule = texts[in.readInt()];
                Weight weight = WEIGHTS[in.readByte()];
                deltas.add(new AnswerEffects.Delta(cause, rule, weight, in.readBoolean()));
            }
            out.add(new AnswerEffects.Effect(new Option(value, label), List.copyOf(deltas)));
        }
        return List.copyOf(out);
    }

    private Object readValue(DataInputStream in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case BOOLEAN:
                return in.readBoolean();
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case TEXT:
                return texts[in.readInt()];
            case LIST: {
                int n = in.readInt();
                List<Object> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    out.add(readValue(in));
                }
                return java.util.Collections.unmodifiableList(out);
            }
            default:
                throw new IOException("unknown value tag " + tag);
        }
    }

    // ---- writing ----------------------------------------------------------------------------

    /**
     * The file of a snapshot.
     *
     * @throws IllegalArgumentException when an answer's value is of a type the file cannot hold
     */
    static byte[] write(AnswerEffects.Snapshot snapshot) {
        Texts texts = new Texts();
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        try {
            DataOutputStream body = new DataOutputStream(entries);
            Map<String, Integer> baselineAt = new TreeMap<>();
            for (var e : new TreeMap<>(snapshot.baselines()).entrySet()) {
                baselineAt.put(e.getKey(), body.size());
                writeEvidence(body, e.getValue(), texts);
            }
            Map<String, Integer> effectsAt = new TreeMap<>();
            for (var e : new TreeMap<>(snapshot.effects()).entrySet()) {
                effectsAt.put(e.getKey(), body.size());
                writeEffects(body, e.getValue(), texts);
            }
            body.flush();
            // The baseline of no context is read at start: its texts must be in the table as well.
            ByteArrayOutputStream baseline = new ByteArrayOutputStream();
            DataOutputStream b = new DataOutputStream(baseline);
            writeEvidence(b, snapshot.baseline(), texts);
            b.flush();
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(file);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(snapshot.fingerprint());
            out.writeInt(texts.list.size());
            for (String t : texts.list) {
                out.writeUTF(t);
            }
            baseline.writeTo(out);
            writeIndex(out, baselineAt);
            writeIndex(out, effectsAt);
            out.writeInt(entries.size());
            entries.writeTo(out);
            out.flush();
            return file.toByteArray();
        } catch (IOException e) {
            // Only memory is written to.
            throw new UncheckedIOException(e);
        }
    }

    /** Every text an entry refers to, numbered in the order first met. */
    private static final class Texts {
        final List<String> list = new ArrayList<>();
        final Map<String, Integer> numbers = new HashMap<>();

        int of(String text) {
            return numbers.computeIfAbsent(text, t -> {
                list.add(t);
                return list.size() - 1;
            });
        }
    }

    private static void writeIndex(DataOutputStream out, Map<String, Integer> index) throws IOException {
        out.writeInt(index.size());
        for (var e : index.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue());
        }
    }

    private static void writeEvidence(DataOutputStream out, Map<String, Map<String, Weight>> evidence, Texts texts)
            throws IOException {
        out.writeInt(evidence.size());
        for (var cause : evidence.entrySet()) {
            out.writeInt(texts.of(cause.getKey()));
            out.writeInt(cause.getValue().size());
            for (var rule : cause.getValue().entrySet()) {
                out.writeInt(texts.of(rule.getKey()));
                out.writeByte(rule.getValue().ordinal());
            }
        }
    }

    private static void writeEffects(DataOutputStream out, List<AnswerEffects.Effect> effects, Texts texts)
            throws IOException {
        out.writeInt(effects.size());
        for (AnswerEffects.Effect e : effects) {
            writeValue(out, e.answer().value(), texts);
            out.writeInt(texts.of(e.answer().label()));
            out.writeInt(e.deltas().size());
            for (AnswerEffects.Delta d : e.deltas()) {
                out.writeInt(d.cause());
                out.writeInt(texts.of(d.rule()));
                out.writeByte(d.weight().ordinal());
                out.writeBoolean(d.added());
            }
        }
    }

    private static void writeValue(DataOutputStream out, Object value, Texts texts) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof String s) {
            out.writeByte(TEXT);
            out.writeInt(texts.of(s));
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object v : list) {
                writeValue(out, v, texts);
            }
        } else {
            throw new IllegalArgumentException("an answer of type " + value.getClass().getName() + " cannot be written");
        }
    }
}
