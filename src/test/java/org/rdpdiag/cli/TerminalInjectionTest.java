package org.rdpdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.knowledge.KnowledgeProblem;
import org.rdpdiag.support.Cli;
import org.rdpdiag.text.Inert;

/** Messages on standard error and the interview's echo show escapes, never the raw controls from the input. */
class TerminalInjectionTest {
    private static final String CLEAR = "\u001b[2J\u001b]0;owned\u0007\r\u009b31m\u202E";
    private static final String SHOWN = "\\e[2J\\e]0;owned\\u0007\\r\\u009B31m\\u202E";

    @TempDir
    Path tmp;

    static void assertInert(String printed) {
        for (int i = 0; i < printed.length(); i++) {
            char c = printed.charAt(i);
            assertTrue(c == '\n' || !Inert.unsafe(c),
                    () -> "raw U+" + Integer.toHexString(c) + " in: " + Inert.terminal(printed));
        }
    }

    @Test
    void aFileNameWithEscapesIsEscapedInTheFactsError() {
        Cli r = Cli.run("diagnose", tmp.resolve("x" + CLEAR + ".yaml").toString(), "--rules", "rules");
        assertEquals(ExitCodes.BAD_INPUT, r.exit());
        assertInert(r.err());
        assertTrue(r.err().contains("x" + SHOWN + ".yaml:1:1: error: no such file"), r.err());
    }

    @Test
    void keysAndValuesWithEscapesAreEscapedInTheFactsErrors() throws Exception {
        Path file = tmp.resolve("f.yaml");
        Files.writeString(file, "host:\n  \"os\\e[2J\": x\n  nlaRequired: \"yes\\u202E\\r\"\n");
        Cli r = Cli.run("diagnose", file.toString(), "--rules", "rules");
        assertEquals(ExitCodes.BAD_INPUT, r.exit());
        assertInert(r.err());
        assertTrue(r.err().contains("unknown key 'os\\e[2J' in section 'host'"), r.err());
        assertTrue(r.err().contains("found string \"yes\\u202E\\r\""), r.err());
    }

    @Test
    void anUnknownOptionIsEscapedInTheUsageError() {
        Cli r = Cli.run("diagnose", "f.yaml", "--format", "x" + CLEAR);
        assertEquals(ExitCodes.BAD_INPUT, r.exit());
        assertInert(r.err());
        assertTrue(r.err().contains("'x" + SHOWN + "'"), r.err());
    }

    @Test
    void knowledgeProblemsAreEscaped() {
        String shown = KnowledgeProblem.error("r" + CLEAR + ".drl", 3, 1, "rule \"a" + CLEAR + "\" is broken").toString();
        assertEquals("r" + SHOWN + ".drl:3:1: error: rule \"a" + SHOWN + "\" is broken", shown);
    }

    @Test
    void theInterviewEchoesPipedAnswersEscaped() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // A line ends at a carriage return, so the answer carries every other kind of control.
        String input = "0x904\u001b[2J\u009b31m\u202E\nquit\n";
        int code = Main.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true), "ask", "--rules", "rules", "--save", tmp.resolve("a.yaml").toString());
        assertEquals(ExitCodes.OK, code, err.toString());
        assertInert(out.toString());
        assertTrue(out.toString().contains("> 0x904\\e[2J\\u009B31m\\u202E\n"), out.toString());
    }

    @Test
    void theBatchSummaryLineIsEscaped() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.copy(Path.of("facts/examples/expired-self-signed-cert.yaml"), in.resolve("a.yaml"));
        Path results = tmp.resolve("out" + CLEAR + ".jsonl");
        Cli r = Cli.run("batch", in.toString(), "--out", results.toString(), "--rules", "rules");
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertInert(r.err());
        assertTrue(r.err().contains("out" + SHOWN + ".jsonl"), r.err());
    }
}
