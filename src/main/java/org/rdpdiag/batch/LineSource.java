package org.rdpdiag.batch;

import java.io.IOException;
import java.io.InputStream;
import org.rdpdiag.facts.FactsReader;

/** A source that cuts its input into records along lines (JSON Lines, YAML documents). */
abstract class LineSource implements RecordSource {
    private final InputStream in;
    final ByteLines lines;
    final String file;
    final String stem;

    LineSource(InputStream in, String file) {
        this.in = in;
        this.lines = new ByteLines(in, FactsReader.MAX_BYTES);
        this.file = file;
        this.stem = Records.stem(file);
    }

    @Override
    public long consumed() {
        return lines.offset();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
