package org.rdpdiag.batch;

import java.io.IOException;
import java.io.InputStream;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.Vocabulary;

/** JSON Lines: one host's facts as a JSON object per line; blank lines are skipped. */
final class JsonLinesSource extends LineSource {
    private final Vocabulary vocabulary;
    private int number;

    JsonLinesSource(InputStream in, String file, Vocabulary vocabulary) {
        super(in, file);
        this.vocabulary = vocabulary;
    }

    @Override
    public SourceRecord next() throws IOException {
        ByteLines.Line line;
        do {
            line = lines.next();
            if (line == null) {
                return null;
            }
        } while (line.blank());
        number++;
        String id = Records.defaultId(stem, number);
        if (line.tooLong()) {
            return Records.broken(file, line.number(), 1, number, id, line.endOffset(),
                    "the line is " + Records.megabytes(line.length()) + "; one host's facts are at most 1 MiB",
                    "a JSON Lines file holds one host per line; check that line breaks separate the hosts");
        }
        byte[] bytes = line.bytes();
        int lineNumber = line.number();
        return new SourceRecord(file, lineNumber, number, id, line.endOffset(),
                () -> FactsReader.readRecord(bytes, file, FactsReader.Format.JSON, lineNumber, id, vocabulary));
    }
}
