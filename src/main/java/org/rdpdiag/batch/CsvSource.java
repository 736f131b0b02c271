package org.rdpdiag.batch;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.rdpdiag.facts.FactColumns;
import org.rdpdiag.facts.FactsException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * A CSV export: a header row of observation paths ({@code id}, {@code host.nlaRequired}, ...),
 * then one host per row; an empty cell is unknown. The separator is the one of {@code ,},
 * {@code ;} and tab that the header uses most (spreadsheets in many locales write {@code ;}).
 *
 * <p>A bad header makes the whole file one bad record (no row can be read without knowing its
 * columns); a row that cannot be parsed as CSV, or text that is not UTF-8, ends the file there,
 * reported at that place, after every earlier row.
 */
final class CsvSource implements RecordSource {
    private static final CsvMapper CSV = CsvMapper.builder().build();

    private final Counting counted;
    private final BufferedInputStream buffered;
    private final String file;
    private final String stem;
    private JsonParser parser;
    private FactColumns columns;
    private int number;
    private boolean done;

    CsvSource(InputStream in, String file) {
        this.counted = new Counting(in);
        this.buffered = new BufferedInputStream(counted, 64 * 1024);
        this.file = file;
        this.stem = Records.stem(file);
    }

    @Override
    public SourceRecord next() throws IOException {
        if (done) {
            return null;
        }
        try {
            if (parser == null) {
                char separator = separator(buffered);
                Reader reader = new InputStreamReader(buffered, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
                parser = CSV.reader().with(CsvSchema.emptySchema().withColumnSeparator(separator))
                        .with(CsvReadFeature.WRAP_AS_ARRAY).createParser(reader);
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    return end(null);
                }
                List<FactColumns.Cell> header = row();
                if (header == null) {
                    return end(null);
                }
                try {
                    columns = FactColumns.of(header, file);
                } catch (FactsException e) {
                    number++;
                    return end(new SourceRecord(file, 1, number, Records.defaultId(stem, number), counted.count, () -> {
                        throw e;
                    }));
                }
            }
            while (true) {
                List<FactColumns.Cell> row = row();
                if (row == null) {
                    return end(null);
                }
                if (row.size() == 1 && row.get(0).text().isBlank()) {
                    continue; // a blank line
                }
                number++;
                String id = Records.defaultId(stem, number);
                FactColumns cols = columns;
                return new SourceRecord(file, row.get(0).line(), number, id, counted.count, () -> cols.read(row, id));
            }
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String message = e.getCause() instanceof CharacterCodingException ? "not UTF-8 text from here on"
                    : "not valid CSV: " + firstLine(e.getOriginalMessage());
            return fatal(at, message, e.getCause() instanceof CharacterCodingException
                    ? "save the export as UTF-8" : "a cell that contains the separator, a quote or a line break needs double quotes");
        }
    }

    /** The cells of the next row, or {@code null} at the end of the file. */
    private List<FactColumns.Cell> row() {
        JsonToken t = parser.nextToken();
        if (t == null || t == JsonToken.END_ARRAY) {
            return null;
        }
        List<FactColumns.Cell> cells = new ArrayList<>();
        for (t = parser.nextToken(); t != null && t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            TokenStreamLocation at = parser.currentTokenLocation();
            cells.add(new FactColumns.Cell(parser.getString(), Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr())));
        }
        return cells;
    }

    private SourceRecord fatal(TokenStreamLocation at, String message, String suggestion) {
        number++;
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        return end(Records.broken(file, line, column, number, Records.defaultId(stem, number), counted.count,
                message, suggestion));
    }

    private SourceRecord end(SourceRecord last) {
        done = true;
        return last;
    }

    /** The separator the first line uses most, outside double quotes; a comma when there is none. */
    static char separator(BufferedInputStream in) throws IOException {
        in.mark(64 * 1024);
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0, b = in.read(); b >= 0 && i < 64 * 1024 - 1; i++, b = in.read()) {
            if (b == '"') {
                quoted = !quoted;
            } else if (!quoted && (b == '\n' || b == '\r')) {
                break;
            } else if (!quoted) {
                commas += b == ',' ? 1 : 0;
                semicolons += b == ';' ? 1 : 0;
                tabs += b == '\t' ? 1 : 0;
            }
        }
        in.reset();
        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas ? '\t' : ',';
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int cut = s.indexOf('\n');
        return cut < 0 ? s : s.substring(0, cut);
    }

    @Override
    public long consumed() {
        return counted.count;
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
        buffered.close();
    }

    /** Counts the bytes read, for progress. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
