package org.rdpdiag.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decoder against the JDK's: the same text for any bytes, whatever the size of the reads, and
 * the first malformed sequence of every line at the place the JDK's replacement stands.
 */
class Utf8ReaderTest {

    /** Mostly ASCII with line breaks of every kind, valid characters of every length, and stray bytes. */
    private static byte[] randomBytes(Random random, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] valid = {"é", "€", "😀", "\uFFFD", "ж"};
        String[] breaks = {"\n", "\r", "\r\n"};
        while (out.size() < size) {
            int kind = random.nextInt(100);
            if (kind < 70) {
                out.write('a' + random.nextInt(26));
            } else if (kind < 78) {
                out.writeBytes(breaks[random.nextInt(breaks.length)].getBytes(StandardCharsets.UTF_8));
            } else if (kind < 90) {
                out.writeBytes(valid[random.nextInt(valid.length)].getBytes(StandardCharsets.UTF_8));
            } else {
                // Often malformed, sometimes the start of a valid character. Not 0xED: for an encoded
                // surrogate the JDK writes one replacement where the reader writes one per byte, as
                // Unicode recommends (see takesTheNotedSequencesLineByLine).
                int b = 0x80 + random.nextInt(0x80);
                out.write(b == 0xED ? 0xEC : b);
            }
        }
        return out.toByteArray();
    }

    private static String jdkDecode(byte[] bytes, String replacement) throws CharacterCodingException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith(replacement);
        return d.decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Each line's first marked character, as line:column, lines ended as the CSV parser ends them. */
    private static List<String> firstMarks(String text, char mark) {
        List<String> marks = new ArrayList<>();
        int line = 1;
        int column = 1;
        boolean marked = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' && (i == 0 || text.charAt(i - 1) != '\r')) {
                line++;
                column = 1;
                marked = false;
            } else if (c == '\n') {
                column = 1;
            } else {
                if (c == mark && !marked) {
                    marks.add(line + ":" + column);
                    marked = true;
                }
                column++;
            }
        }
        return marks;
    }

    @Test
    void decodesLikeTheJdkAndNotesEachLinesFirstMalformedSequence() throws IOException {
        Random random = new Random(20240611);
        for (int round = 0; round < 6; round++) {
            // Larger than the reader's buffer, so that characters straddle its refills.
            byte[] bytes = randomBytes(random, 70_000 + random.nextInt(20_000));
            String expected = jdkDecode(bytes, "\uFFFD");
            // A private-use character marks where the JDK replaced something; the input cannot contain it.
            List<String> expectedMarks = firstMarks(jdkDecode(bytes, "\uE000"), '\uE000');
            for (int chunk : new int[] {1, 2, 3, 7, 4096, 65_536}) {
                Utf8Reader reader = new Utf8Reader(new ByteArrayInputStream(bytes));
                StringBuilder text = new StringBuilder();
                char[] buf = new char[chunk];
                for (int n = reader.read(buf, 0, chunk); n >= 0; n = reader.read(buf, 0, chunk)) {
                    text.append(buf, 0, n);
                }
                assertEquals(expected, text.toString(), "round " + round + ", reads of " + chunk);
                List<String> marks = reader.takeUpTo(Integer.MAX_VALUE).stream()
                        .map(m -> m.line() + ":" + m.column()).toList();
                assertEquals(expectedMarks, marks, "round " + round + ", reads of " + chunk);
            }
        }
    }

    @Test
    void takesTheNotedSequencesLineByLine() throws IOException {
        byte[] bytes = {'a', (byte) 0xFF, (byte) 0xFE, '\n', 'b', '\n', (byte) 0xC0, 'c', '\n', 'd', (byte) 0xED, (byte) 0xA0};
        Utf8Reader reader = new Utf8Reader(new ByteArrayInputStream(bytes));
        char[] all = new char[64];
        assertEquals("a\uFFFD\uFFFD\nb\n\uFFFDc\nd\uFFFD\uFFFD", new String(all, 0, reader.read(all, 0, all.length)));

        assertEquals(List.of("1:2 byte 0xFF, which never occurs in UTF-8"), describe(reader.takeUpTo(2)));
        assertEquals(List.of(), reader.takeUpTo(2));
        assertEquals(List.of("3:1 byte 0xC0, which never occurs in UTF-8",
                "4:2 byte 0xED starting a character that the next byte, 0xA0, does not continue"),
                describe(reader.takeUpTo(4)));
    }

    private static List<String> describe(List<Utf8Reader.Malformed> malformed) {
        return malformed.stream().map(m -> m.line() + ":" + m.column() + " " + m.message()).toList();
    }
}
