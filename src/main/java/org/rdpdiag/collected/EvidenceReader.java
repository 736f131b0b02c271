package org.rdpdiag.collected;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsProblem;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.Located;

/**
 * Reads one evidence file (format {@value #FORMAT}, version {@value #VERSION}). A file that is not
 * JSON, not evidence, of a newer version or without the envelope's keys is refused with located
 * problems; an item that lacks what every item has is kept as a problem in {@link Read#refused()}
 * and the rest of the file is still read, as one bad record in a batch never loses the others.
 */
public final class EvidenceReader {
    public static final String FORMAT = "rdpdiag-evidence";
    public static final int VERSION = 1;

    /** A file read: its items, and the items that could not be read at all, each located. */
    public record Read(EvidenceFile file, List<FactsProblem> refused) {}

    private final String name;
    private final List<FactsProblem> problems = new ArrayList<>();
    private final List<FactsProblem> refused = new ArrayList<>();

    private EvidenceReader(String name) {
        this.name = name;
    }

    /**
     * @param name the file name problems cite
     * @throws FactsException when the text is not an evidence file this version reads
     */
    public static Read read(String text, String name) {
        return new EvidenceReader(name).document(FactsReader.readJsonTree(text, name));
    }

    /** @throws FactsException when the file is missing, unreadable, or not an evidence file this version reads */
    public static Read read(java.nio.file.Path file) {
        return new EvidenceReader(file.toString()).document(FactsReader.readJsonTree(file));
    }

    private Read document(Located root) {
        if (!(root instanceof Located.Mapping top)) {
            throw new FactsException(List.of(problem(root == null ? new Located.Pos(1, 1) : root.pos(),
                    "expected a JSON object: the evidence a collector wrote", HINT)));
        }
        Located format = field(top, "format");
        if (format == null) {
            throw new FactsException(List.of(problem(top.pos(), "not an evidence file: it has no 'format' key", HINT)));
        }
        if (!FORMAT.equals(scalar(format))) {
            throw new FactsException(List.of(problem(format.pos(), "not an evidence file: 'format' is " + quoted(format)
                    + ", expected '" + FORMAT + "'", HINT)));
        }
        Located version = field(top, "version");
        Object v = version == null ? null : scalar(version);
        if (!(v instanceof BigInteger n)) {
            problems.add(problem(version == null ? top.pos() : version.pos(), "expected 'version': " + VERSION, null));
        } else if (n.compareTo(BigInteger.valueOf(VERSION)) > 0) {
            problems.add(problem(version.pos(), "evidence format version " + n + " is newer than this rdpdiag reads ("
                    + VERSION + ")", "update rdpdiag, or run the collector that came with this version"));
        } else if (n.intValue() != VERSION) {
            problems.add(problem(version.pos(), "evidence format version " + n + " does not exist; expected " + VERSION, null));
        }
        Located sideNode = field(top, "side");
        Side side = sideNode != null && scalar(sideNode) instanceof String s ? Side.of(s).orElse(null) : null;
        if (side == null) {
            problems.add(problem(sideNode == null ? top.pos() : sideNode.pos(), "expected 'side': 'host' or 'client'", null));
        }
        String collectedAt = text(top, "collectedAt");
        if (collectedAt == null) {
            problems.add(problem(at(top, "collectedAt"), "expected 'collectedAt': when the collection ran (UTC, ISO 8601)", null));
        }
        Located items = field(top, "items");
        if (!(items instanceof Located.Sequence list)) {
            problems.add(problem(items == null ? top.pos() : items.pos(), "expected 'items': the list of what was read", null));
            throw new FactsException(problems);
        }
        if (!problems.isEmpty()) {
            throw new FactsException(problems);
        }
        List<CollectedItem> read = new ArrayList<>();
        for (Located node : list.items()) {
            CollectedItem item = item(node);
            if (item != null) {
                read.add(item);
            }
        }
        Located target = field(top, "target");
        String targetHost = target instanceof Located.Mapping t ? text(t, "host") : null;
        boolean redacted = field(top, "redacted") instanceof Located.Scalar r && Boolean.TRUE.equals(r.value());
        EvidenceFile file = new EvidenceFile(name, side, text(top, "computer"), collectedAt, redacted, targetHost, read);
        return new Read(file, List.copyOf(refused));
    }

    private static final String HINT = "evidence files come from collect/rdpdiag-host.ps1 and collect/rdpdiag-client.ps1;"
            + " a facts file goes to 'rdpdiag diagnose'";

    /** One item, or null (with a problem kept) when it lacks an id, a kind or both a result and an error. */
    private CollectedItem item(Located node) {
        if (!(node instanceof Located.Mapping m)) {
            refused.add(problem(node.pos(), "an item must be an object with 'id', 'kind' and 'result' or 'error'", null));
            return null;
        }
        String id = text(m, "id");
        String kind = text(m, "kind");
        Located result = field(m, "result");
        Located error = field(m, "error");
        if (id == null || kind == null || result == null && error == null) {
            refused.add(problem(m.pos(), "an item needs 'id', 'kind' and either 'result' or 'error'"
                    + (id == null ? "" : " (item '" + id + "')"), null));
            return null;
        }
        Map<String, Object> query = field(m, "query") instanceof Located.Mapping q ? map(q) : Map.of();
        CollectedItem.Error recorded = null;
        if (error instanceof Located.Mapping e) {
            String errorKind = text(e, "kind");
            recorded = new CollectedItem.Error(errorKind == null ? "failed" : errorKind, text(e, "message"));
        } else if (error != null && result == null) {
            refused.add(problem(error.pos(), "'error' must be an object with 'kind' and 'message' (item '" + id + "')", null));
            return null;
        }
        return new CollectedItem(id, kind, query, result == null ? null : plain(result), recorded, text(m, "readAt"), name,
                m.pos().line(), m.pos().column());
    }

    private FactsProblem problem(Located.Pos pos, String message, String suggestion) {
        return new FactsProblem(name, pos.line(), pos.column(), message, suggestion);
    }

    private static Located field(Located.Mapping m, String key) {
        for (Located.Entry e : m.entries()) {
            if (e.key().equals(key)) {
                return e.value();
            }
        }
        return null;
    }

    private static Located.Pos at(Located.Mapping m, String key) {
        Located value = field(m, key);
        return value == null ? m.pos() : value.pos();
    }

    private static String text(Located.Mapping m, String key) {
        return field(m, key) instanceof Located.Scalar s && s.value() instanceof String t && !t.isBlank() ? t : null;
    }

    private static Object scalar(Located node) {
        return node instanceof Located.Scalar s ? s.value() : null;
    }

    private static String quoted(Located node) {
        return node instanceof Located.Scalar s ? "'" + s.raw() + "'" : "not a string";
    }

    private static Map<String, Object> map(Located.Mapping m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Located.Entry e : m.entries()) {
            // A repeated key keeps its first value: the collectors never write one twice.
            out.putIfAbsent(e.key(), e.value() == null ? null : plain(e.value()));
        }
        return out;
    }

    /** Plain values: whole numbers as Long (or BigInteger beyond), other numbers as Double. */
    private static Object plain(Located node) {
        if (node instanceof Located.Mapping m) {
            return map(m);
        }
        if (node instanceof Located.Sequence s) {
            List<Object> out = new ArrayList<>(s.items().size());
            s.items().forEach(i -> out.add(plain(i)));
            return out;
        }
        Object v = scalar(node);
        return v instanceof BigInteger b && b.bitLength() < 64 ? (Object) b.longValue() : v;
    }
}
