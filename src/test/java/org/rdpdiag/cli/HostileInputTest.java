package org.rdpdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.support.Cli;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One facts file full of hostile values (terminal escapes, carriage returns, C1 controls, bidi
 * overrides, a Markdown heading and javascript: link after a line break, HTML, a spreadsheet
 * formula, very long words) through every renderer: each output must be inert for its medium.
 */
class HostileInputTest {
    static final Path HOSTILE = Path.of("src/test/resources/hostile/hostile.yaml");

    enum Medium { TEXT, MARKDOWN, JSON, HTML, CSV, ASK_TRANSCRIPT }

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Medium.class)
    void everyRendererKeepsTheHostileFactsInert(Medium medium) throws Exception {
        HostFacts facts = FactsReader.read(HOSTILE);
        assertTrue(facts.id().contains("\u001b[31m") && facts.id().contains("\n# heading"), "the fixture is hostile");
        switch (medium) {
            case TEXT -> {
                String out = run("diagnose", HOSTILE.toString(), "--explain");
                TerminalInjectionTest.assertInert(out);
                assertTrue(out.startsWith("rdpdiag diagnosis for =cmd|' /C calc'!A0 web01\\e[31m\\e]0;owned\\u0007\\r"
                        + "\\u009B2J\\u202Eevil\\u2066\\n# heading [click]"), out);
                assertFalse(out.contains("\n# heading"), "no value starts a line of its own");
            }
            case MARKDOWN -> {
                String out = run("diagnose", HOSTILE.toString(), "--format", "markdown", "--explain");
                TerminalInjectionTest.assertInert(out);
                String prose = out.replaceAll("(`+)[^`]+?\\1", "`code`"); // code spans show their text as it is
                for (String line : prose.split("\n")) {
                    assertFalse(line.matches("\\s{0,3}#+\\s.*") && !line.matches("#{1,3} (rdpdiag diagnosis for|[A-Z`]).*"),
                            "only the report's own headings: " + line);
                    assertFalse(line.matches(".*(?<!\\\\)\\]\\(.*"), "no live link or image: " + line);
                    assertFalse(line.toLowerCase(Locale.ROOT).contains("<script") || line.contains("<b>"), "no raw HTML: " + line);
                }
                assertTrue(out.startsWith("# rdpdiag diagnosis for \\=cmd\\|' /C calc'\\!A0 web01\\\\e\\[31m"), out);
            }
            case JSON -> {
                JsonNode report = JsonMapper.builder().build().readTree(run("diagnose", HOSTILE.toString(), "--format", "json"));
                assertEquals(facts.id(), report.path("host").path("id").asString(), "the id round-trips exactly");
                assertEquals(facts.error().dialogText(), report.path("error").path("dialogText").asString());
            }
            case HTML, CSV -> {
                Path in = tmp.resolve("in");
                Files.createDirectories(in);
                Files.copy(HOSTILE, in.resolve("hostile.yaml"));
                Path html = tmp.resolve("fleet.html");
                Path csv = tmp.resolve("fleet.csv");
                Cli r = Cli.run("batch", in.toString(), "--out", tmp.resolve("out.jsonl").toString(), "--csv", csv.toString(),
                        "--report", html.toString(), "--rules", "rules");
                assertEquals(ExitCodes.OK, r.exit(), r.err());
                if (medium == Medium.HTML) {
                    String page = Files.readString(html);
                    assertFalse(page.toLowerCase(Locale.ROOT).contains("<script"), "no script element");
                    assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the id is shown, escaped");
                } else {
                    String table = Files.readString(csv);
                    TerminalInjectionTest.assertInert(table.replace("\r\n", "\n"));
                    String row = table.split("\r\n")[1];
                    assertTrue(row.startsWith("1,\"'=cmd|' /C calc'!A0 web01\\e[31m"), "formula defused, controls shown: " + row);
                }
            }
            case ASK_TRANSCRIPT -> {
                String out = run("ask", "--answers", HOSTILE.toString());
                TerminalInjectionTest.assertInert(out);
                // The interview asks which documented message the dialog shows; the hostile text is
                // recognised as one and never echoed.
                assertTrue(out.contains("-> an authentication error naming CredSSP encryption oracle remediation"), out);
                assertFalse(out.contains("# heading\\n"), out);
            }
            default -> throw new IllegalStateException(medium.toString());
        }
    }

    private static String run(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--rules";
        all[args.length + 1] = "rules";
        Cli r = Cli.run(all);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        return r.out();
    }
}
