package org.rdpdiag.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What counts as unsafe on a terminal, how it is shown, and that ordinary text is left alone. */
class InertTest {

    @Test
    void terminalControlsAreShownAsVisibleEscapes() {
        assertEquals("a\\e[31mb\\e]0;t\\u0007\\rc", Inert.terminal("a\u001b[31mb\u001b]0;t\u0007\rc"));
        assertEquals("x\\ny\\tz\\u0000\\u007F", Inert.terminal("x\ny\tz\u0000\u007f"));
        assertEquals("\\u009B2J\\u0085", Inert.terminal("\u009b2J\u0085"), "C1 controls, CSI and NEL among them");
    }

    @Test
    void bidirectionalControlsAndLineSeparatorsAreShownAsVisibleEscapes() {
        String all = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C\u2028\u2029";
        assertEquals("\\u202A\\u202B\\u202C\\u202D\\u202E\\u2066\\u2067\\u2068\\u2069\\u200E\\u200F\\u061C\\u2028\\u2029",
                Inert.terminal(all));
    }

    @Test
    void ordinaryTextIsTheSameStringAndEscapingTwiceChangesNothing() {
        String plain = "Windows Server 2019 \u00e9t\u00e9 \u65e5\u672c \uD83D\uDDA5 C:\\Users\\x \u00a0(nbsp)";
        assertSame(plain, Inert.terminal(plain));
        String once = Inert.terminal("a\u001b[2J\u202Eb\n");
        assertEquals(once, Inert.terminal(once));
        for (char c = 0; c < 0x3000; c++) {
            if (Inert.unsafe(c)) {
                assertFalse(Inert.escape(c).chars().anyMatch(x -> Inert.unsafe((char) x)), "escape of " + (int) c);
            }
        }
    }

    @Test
    void proseTurnsLayoutIntoSpacesButStillEscapesControls() {
        assertEquals("line one  line two tab", Inert.prose("line one\r\nline two\ttab"));
        assertEquals("\\e[2J x", Inert.prose("\u001b[2J\nx"));
        assertTrue(Inert.prose("\u202Eabc").startsWith("\\u202E"));
    }
}
