package org.rdpdiag.batch;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.rdpdiag.facts.FactColumns;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * A CSV export: a header row of observation paths ({@code id}, {@code host.nlaRequired}, ...),
 * then one host per row; an empty cell is unknown. The separator is the one of {@code ,},
 * {@code ;} and tab that the header uses most (spreadsheets in many locales write {@code ;}).
 *
 * <p>A bad header makes the whole file one bad record (no row can be read without knowing its
 * columns). A row with bytes that are not UTF-8 becomes a record of that problem, located at the
 * first such byte, and the rows after it are read as usual: such a byte never ends a cell or a
 * row. A row that cannot be parsed as CSV ends the file there, after every earlier row; an
 * unclosed quote is reported where it opens, not at the end of the file it swallowed.
 */
final class CsvSource implements RecordSource {
    private static final CsvMapper CSV = CsvMapper.builder().build();

    private final Counting counted;
    private final BufferedInputStream buffered;
    private final String file;
    private final String stem;
    private Utf8Reader reader;
    private JsonParser parser;
    /** The line of the first cell of the row being read, 0 before it has one. */
    private int rowLine;
    private int idColumn = -1;
    private FactColumns columns;
    private int number;
    private boolean done;

    private final Vocabulary vocabulary;

    CsvSource(InputStream in, String file, Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
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
                reader = new Utf8Reader(buffered);
                parser = CSV.reader().with(CsvSchema.emptySchema().withColumnSeparator(separator))
                        .with(CsvReadFeature.WRAP_AS_ARRAY).createParser(reader);
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    return end(null);
                }
                List<FactColumns.Cell> header = row();
                if (header == null) {
                    return end(null);
                }
                List<Utf8Reader.Malformed> malformed = reader.takeUpTo(rowEnd());
                try {
                    if (!malformed.isEmpty()) {
                        throw notUtf8(malformed, null);
                    }
                    columns = FactColumns.of(header, file, vocabulary);
                } catch (FactsException e) {
                    number++;
                    return end(new SourceRecord(file, 1, number, Records.defaultId(stem, number), counted.count, () -> {
                        throw e;
                    }));
                }
                idColumn = columns.names().indexOf("id");
            }
            while (true) {
                List<FactColumns.Cell> row = row();
                if (row == null) {
                    return end(null);
                }
                List<Utf8Reader.Malformed> malformed = reader.takeUpTo(rowEnd());
                if (malformed.isEmpty() && row.size() == 1 && row.get(0).text().isBlank()) {
                    continue; // a blank line
                }
                number++;
                String id = Records.defaultId(stem, number);
                if (!malformed.isEmpty()) {
                    FactsException e = notUtf8(malformed, ownId(row));
                    return new SourceRecord(file, row.get(0).line(), number, id, counted.count, () -> {
                        throw e;
                    });
                }
                FactColumns cols = columns;
                return new SourceRecord(file, row.get(0).line(), number, id, counted.count, () -> cols.read(row, id));
            }
        } catch (JacksonIOException e) {
            return fatal(e.getLocation(), 0, "cannot read the file: " + firstLine(e.getOriginalMessage()), null);
        } catch (JacksonException e) {
            String message = String.valueOf(e.getOriginalMessage());
            if (message.startsWith("Missing closing quote")) {
                // The parser fails at the end of the file; the place worth showing is where the quote opened.
                return fatal(parser.currentTokenLocation(), 0, "a quote opened here is never closed",
                        "close it, or double each quote that is part of the text (\"\" inside a quoted cell)");
            }
            // After an unexpected character the parser stands just past it.
            return fatal(e.getLocation(), message.startsWith("Unexpected character") ? 1 : 0,
                    "not valid CSV: " + firstLine(message),
                    "a cell that contains the separator, a quote or a line break needs double quotes");
        }
    }

    /** The cells of the next row, or {@code null} at the end of the file. */
    private List<FactColumns.Cell> row() {
        rowLine = 0;
        JsonToken t = parser.nextToken();
        if (t == null || t == JsonToken.END_ARRAY) {
            return null;
        }
        List<FactColumns.Cell> cells = new ArrayList<>();
        for (t = parser.nextToken(); t != null && t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            TokenStreamLocation at = parser.currentTokenLocation();
            int line = Math.max(1, at.getLineNr());
            cells.add(new FactColumns.Cell(parser.getString(), line, Math.max(1, at.getColumnNr())));
            rowLine = rowLine == 0 ? line : rowLine;
        }
        return cells;
    }

    /**
     * The last line of the row just read. The parser has taken the row's line break by then, so it
     * stands at the start of the next line, except at the end of a file without a final line break.
     */
    private int rowEnd() {
        TokenStreamLocation at = parser.currentLocation();
        return at.getColumnNr() <= 1 ? at.getLineNr() - 1 : at.getLineNr();
    }

    /** The row's problem: bytes that are not UTF-8, each line's first, in place of its facts. */
    private FactsException notUtf8(List<Utf8Reader.Malformed> malformed, String id) {
        List<FactsProblem> problems = new ArrayList<>();
        for (Utf8Reader.Malformed m : malformed) {
            problems.add(new FactsProblem(file, m.line(), m.column(), "expected UTF-8 text, found " + m.message(),
                    "save the export as UTF-8, which Excel calls \"CSV UTF-8\""));
        }
        return new FactsException(problems, id);
    }

    /** The row's own id, so that its result is named as the host, when its id cell is readable. */
    private String ownId(List<FactColumns.Cell> row) {
        if (idColumn < 0 || idColumn >= row.size()) {
            return null;
        }
        String text = row.get(idColumn).text().strip();
        return text.isEmpty() || text.indexOf('\uFFFD') >= 0 ? null : text;
    }

    /** The input's last record: a problem at {@code at}, moved {@code back} columns to the left. */
    private SourceRecord fatal(TokenStreamLocation at, int back, String message, String suggestion) {
        number++;
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr() - back);
        // The record starts where its row does; the problem may lie lines further on.
        int start = rowLine > 0 && rowLine <= line ? rowLine : line;
        FactsException problem = new FactsException(List.of(new FactsProblem(file, line, column, message, suggestion)));
        return end(new SourceRecord(file, start, number, Records.defaultId(stem, number), counted.count, () -> {
            throw problem;
        }));
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
