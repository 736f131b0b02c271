package org.rdpdiag.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsProblem;
import org.rdpdiag.facts.HostFacts;

/** The CSV source on its own: bytes that are not UTF-8, unclosed quotes, and what stays as it was. */
class CsvSourceTest {
    private static final String FILE = "fleet.csv";

    /** A file built from text and raw bytes, so that a test can put a byte exactly where it wants. */
    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes text(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Bytes raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        byte[] get() {
            return out.toByteArray();
        }
    }

    /** What a source made of one record: its facts' id, or its problems. */
    private record Outcome(SourceRecord record, HostFacts facts, FactsException problem) {
        FactsProblem first() {
            return problem.problems().get(0);
        }
    }

    private static List<Outcome> readAll(byte[] file) throws IOException {
        List<Outcome> all = new ArrayList<>();
        long consumed = 0;
        try (CsvSource source = new CsvSource(new ByteArrayInputStream(file), FILE, org.rdpdiag.facts.Vocabulary.bundled())) {
            for (SourceRecord r = source.next(); r != null; r = source.next()) {
                assertTrue(r.consumed() >= consumed, "progress never goes back");
                consumed = r.consumed();
                try {
                    all.add(new Outcome(r, r.read(), null));
                } catch (FactsException e) {
                    all.add(new Outcome(r, null, e));
                }
            }
            assertEquals(file.length, source.consumed(), "progress ends at the size of the file");
        }
        return all;
    }

    @Test
    void aByteThatIsNotUtf8LosesOnlyItsOwnRow() throws IOException {
        Bytes file = new Bytes().text("id,host.os,host.tls12ServerEnabled\r\n");
        for (int i = 1; i <= 5000; i++) {
            if (i == 3000) {
                // Characters before the bad byte that take several bytes; the emoji counts as two columns,
                // as the parser counts the columns of cells.
                file.text("h3000,\"Édition 😀 ").raw(0xFF).text("\",false\r\n");
            } else {
                file.text("h" + i + ",Windows Server 2022,true\r\n");
            }
        }
        List<Outcome> all = readAll(file.get());

        assertEquals(5000, all.size(), "one record per row, the bad one included");
        for (int i = 1; i <= 5000; i++) {
            Outcome o = all.get(i - 1);
            assertEquals(i + 1, o.record().line());
            if (i != 3000) {
                assertEquals("h" + i, o.facts().id(), "row " + i + " is read, before and after the bad one");
            }
        }
        Outcome bad = all.get(2999);
        assertEquals(1, bad.problem().problems().size());
        assertEquals("fleet.csv:3001:19: error: expected UTF-8 text, found byte 0xFF, which never occurs in UTF-8 "
                + "(save the export as UTF-8, which Excel calls \"CSV UTF-8\")", bad.first().toString());
        assertEquals("h3000", bad.problem().id().orElseThrow(), "the bad row keeps the id it gives itself");
    }

    @Test
    void aBadByteInARowOverSeveralLinesIsLocatedOnItsOwnLine() throws IOException {
        byte[] file = new Bytes().text("id;host.os\n")
                .text("a;one\n")
                .text("b;\"first line\r\nsecond ").raw(0xE9).text("t\"\n") // Latin-1 "été" cut short
                .text("c;\"quoted\nwith no bad byte\"\n")
                .text("d;").raw(0xC3).text("\n") // the start of a character, then the line break
                .get();
        List<Outcome> all = readAll(file);

        assertEquals(List.of(2, 3, 5, 7), all.stream().map(o -> o.record().line()).toList());
        assertEquals("a", all.get(0).facts().id());
        assertEquals("fleet.csv:4:8: error: expected UTF-8 text, found byte 0xE9 starting a character that the next "
                + "byte, 0x74, does not continue", stripSuggestion(all.get(1).first()));
        assertEquals("b", all.get(1).problem().id().orElseThrow());
        assertEquals("c", all.get(2).facts().id(), "the row after the bad one is read");
        assertEquals("quoted\nwith no bad byte", all.get(2).facts().value("host.os"));
        assertEquals("fleet.csv:7:3: error: expected UTF-8 text, found byte 0xC3 starting a character that the next "
                + "byte, 0x0A, does not continue", stripSuggestion(all.get(3).first()));
    }

    @Test
    void aReplacementCharacterWrittenInTheFileIsText() throws IOException {
        byte[] file = new Bytes().text("id,host.os\r\nweb01,Windows \uFFFD Server\r\n").get();
        List<Outcome> all = readAll(file);

        assertEquals(1, all.size());
        assertEquals("Windows \uFFFD Server", all.get(0).facts().value("host.os"));
    }

    @Test
    void aHeaderWithABadByteMakesTheFileOneBadRecord() throws IOException {
        byte[] file = new Bytes().text("\uFEFFid\thost.os").raw(0x80).text("\nweb01\tx\nweb02\ty\n").get();
        List<Outcome> all = readAll(file);

        assertEquals(1, all.size());
        assertEquals("fleet.csv:1:12: error: expected UTF-8 text, found byte 0x80, which never occurs in UTF-8",
                stripSuggestion(all.get(0).first()));
    }

    @Test
    void aSequenceCutShortByTheEndOfTheFileIsReportedThere() throws IOException {
        byte[] file = new Bytes().text("id,host.os\rweb01,x\rweb02,").raw(0xF0, 0x9F, 0x98).get();
        List<Outcome> all = readAll(file);

        assertEquals("web01", all.get(0).facts().id(), "lone carriage returns end lines too");
        assertEquals("fleet.csv:3:7: error: expected UTF-8 text, found bytes 0xF0 0x9F 0x98 starting a character that "
                + "the end of the file cuts short", stripSuggestion(all.get(1).first()));
    }

    @Test
    void anUnclosedQuoteIsReportedWhereItOpensAfterEveryEarlierRow() throws IOException {
        byte[] file = new Bytes().text("id,host.os\n")
                .text("web01,\"two\nlines\"\n")
                .text("web02,plain\n")
                .text("web03,  \"never closed\n")
                .text("web04,x\nweb05,y\n")
                .get();
        List<Outcome> all = readAll(file);

        assertEquals(3, all.size(), "two rows, then the problem; the rest is inside the quote");
        assertEquals(List.of("web01", "web02"), all.subList(0, 2).stream().map(o -> o.facts().id()).toList());
        assertEquals(5, all.get(2).record().line());
        assertEquals("fleet.csv:5:9: error: a quote opened here is never closed (close it, or double each quote "
                + "that is part of the text (\"\" inside a quoted cell))", all.get(2).first().toString());
    }

    @Test
    void anUnclosedQuoteOnTheSecondLineOfARowIsLocatedOnThatLine() throws IOException {
        byte[] file = new Bytes().text("id;host.os;host.tls12ServerEnabled\r\n")
                .text("web01;\"a\r\nb\";\"true\r\n")
                .get();
        List<Outcome> all = readAll(file);

        assertEquals(1, all.size());
        assertEquals(2, all.get(0).record().line(), "the record starts where its row does");
        assertEquals("fleet.csv:3:4: error: a quote opened here is never closed", stripSuggestion(all.get(0).first()));
    }

    @Test
    void separatorsBlankLinesAndCellPlacesAreAsBefore() throws IOException {
        byte[] file = new Bytes().text("\uFEFFid\thost.tls12ServerEnabled\n\n")
                .text("web01\tfalse\n")
                .text("\r\n")
                .text("web02\tmaybe\n")
                .get();
        List<Outcome> all = readAll(file);

        assertEquals(List.of(3, 5), all.stream().map(o -> o.record().line()).toList());
        assertEquals(Boolean.FALSE, all.get(0).facts().value("host.tls12ServerEnabled"));
        assertEquals(5, all.get(1).first().line());
        assertEquals(7, all.get(1).first().column());
    }

    @Test
    void anyOtherCsvErrorStillEndsTheFileWhereItIs() throws IOException {
        byte[] file = new Bytes().text("id,host.os\nweb01,x\nweb02,\"y\"z\nweb03,w\n").get();
        List<Outcome> all = readAll(file);

        assertEquals(2, all.size());
        assertEquals("web01", all.get(0).facts().id());
        FactsProblem p = all.get(1).first();
        assertEquals(3, p.line());
        assertEquals(10, p.column(), "the column of the z");
        assertTrue(p.message().startsWith("not valid CSV: "), p.message());
    }

    private static String stripSuggestion(FactsProblem p) {
        return new FactsProblem(p.file(), p.line(), p.column(), p.message(), null).toString();
    }
}
