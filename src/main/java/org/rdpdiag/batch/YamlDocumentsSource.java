package org.rdpdiag.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.Vocabulary;

/**
 * A multi-document YAML file: one host per document, documents separated by {@code ---} lines
 * (a {@code ...} line ends a document). A document that holds only comments is no host.
 *
 * <p>Documents are cut at their markers without parsing: YAML itself forbids a marker at the
 * start of a line inside a document, so this split is the parser's own. Each document is then
 * read on its own, with its problems located in the whole file.
 */
final class YamlDocumentsSource extends LineSource {
    private static final byte[] BLANK_MARKER = "   ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private int number;
    private ByteLines.Line pending;
    private boolean done;

    private final Vocabulary vocabulary;

    YamlDocumentsSource(InputStream in, String file, Vocabulary vocabulary) {
        super(in, file);
        this.vocabulary = vocabulary;
    }

    /** One document as cut from the file: its text and first line, or only its first line when it is too large. */
    private record Document(byte[] text, int firstLine, long consumed) {}

    private Document ahead;
    private boolean looked;

    @Override
    public SourceRecord next() throws IOException {
        if (!looked) {
            looked = true;
            ahead = nextDocument();
        }
        Document current = ahead;
        if (current == null) {
            return null;
        }
        ahead = nextDocument();
        number++;
        // A file of one document names its host like a facts file does (web01.yaml is web01).
        String id = number == 1 && ahead == null ? stem : Records.defaultId(stem, number);
        if (current.text() == null) {
            return Records.broken(file, current.firstLine(), 1, number, id, current.consumed(),
                    "the document is larger than 1 MiB; one host's facts are at most 1 MiB",
                    "separate the hosts with '---' lines");
        }
        byte[] bytes = current.text();
        int at = current.firstLine();
        return new SourceRecord(file, at, number, id, current.consumed(),
                () -> FactsReader.readRecord(bytes, file, FactsReader.Format.YAML, at, id, vocabulary));
    }

    private Document nextDocument() throws IOException {
        while (!done) {
            Document d = document();
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** Reads one document; returns null when it held no content (or the input ended). */
    private Document document() throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream(1024);
        int firstLine = -1;
        boolean content = false;
        boolean tooLarge = false;
        long size = 0;
        ByteLines.Line line = pending != null ? pending : lines.next();
        pending = null;
        boolean first = true;
        for (; line != null; line = lines.next(), first = false) {
            byte[] b = line.bytes();
            boolean start = b != null && marker(b, (byte) '-');
            if (start && !first) {
                pending = line; // the next document starts here
                break;
            }
            if (b != null && marker(b, (byte) '.')) {
                break; // the end of the document; another may follow, with or without '---'
            }
            if (firstLine < 0) {
                firstLine = line.number();
            }
            size += line.length() + 1;
            if (size > FactsReader.MAX_BYTES || b == null) {
                tooLarge = true;
                content = true;
            }
            if (tooLarge) {
                continue;
            }
            if (start) {
                // Keep the marker's line (blanked) so that content after '---' keeps its column.
                text.write(BLANK_MARKER);
                text.write(b, 3, b.length - 3);
                content |= hasContent(b, 3);
            } else {
                text.write(b);
                content |= hasContent(b, 0);
            }
            text.write('\n');
        }
        if (line == null) {
            done = true;
        }
        if (!content) {
            return null;
        }
        return new Document(tooLarge ? null : text.toByteArray(), firstLine, lines.offset());
    }

    /** {@code ---} or {@code ...} at the start of a line, alone or followed by a space or tab. */
    private static boolean marker(byte[] b, byte c) {
        return b.length >= 3 && b[0] == c && b[1] == c && b[2] == c && (b.length == 3 || b[3] == ' ' || b[3] == '\t');
    }

    /** True when the line holds something other than blanks, a comment or a directive. */
    private static boolean hasContent(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            byte c = b[i];
            if (c == ' ' || c == '\t' || c == '\r') {
                continue;
            }
            return c != '#' && !(c == '%' && i == 0);
        }
        return false;
    }
}
