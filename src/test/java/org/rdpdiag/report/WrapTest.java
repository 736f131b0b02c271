package org.rdpdiag.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Wrapping: lines fit, styling is free, and the work grows with the text, not with its square. */
class WrapTest {

    @Test
    void twoMegabytesOfWordsWrapIntoFullLinesInOnePass() {
        // 19-letter words: four fit on a line after a 4-column indent (4 + 4 * 20 - 1 = 83 columns), five would make 103.
        String word = "abcdefghijklmnopqrs ";
        int words = 100_000;
        String text = word.repeat(words);
        String out = Wrap.wrap(text, "    ", "    ");
        String[] lines = out.split("\n", -1);
        assertEquals(words / 4, lines.length, "four words per line");
        for (String line : lines) {
            assertEquals(83, line.length(), line);
        }
        // The output is the words, one space between them, and one indent and line break per line:
        // nothing grows with the square of the text, as a copy of the report so far per line would.
        assertEquals(text.length() - 1 + lines.length * 4L, out.length());
    }

    @Test
    void colourCodesTakeNoColumns() {
        String bold = "\u001b[1mword\u001b[0m";
        String out = Wrap.wrap((bold + " ").repeat(30), "", "");
        for (String line : out.split("\n")) {
            assertTrue(line.replaceAll("\u001b\\[[0-9;]*m", "").length() <= Wrap.WIDTH, line);
        }
        assertEquals(2, out.split("\n").length, "20 styled words of 4 letters fill one line (99 columns), 10 the next");
    }

    @Test
    void aWordLongerThanALineStandsAlone() {
        String url = "https://example.org/" + "x".repeat(120);
        assertEquals("  see\n    " + url + "\n    there", Wrap.wrap("see " + url + " there", "  ", "    "));
    }

    @Test
    void runsOfWhitespaceAreOneSpaceAndEmptyTextIsTheIndentAlone() {
        assertEquals("- a b c", Wrap.wrap("  a \t\r\n b\n\nc  ", "- ", "  "));
        assertEquals("- ", Wrap.wrap(" \n ", "- ", "  "));
    }
}
