package org.rdpdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.support.Cli;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The {@code diagnose} command as a user runs it: output, formats, errors and exit codes. */
class DiagnoseCommandTest {
    static final String EXAMPLE = "src/test/resources/cli/tls-off.yaml";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void textReportHasTheSectionsInOrderAndNoColourWhenNotATerminal() {
        Cli r = Cli.run("diagnose", EXAMPLE, "--rules", "rules", "--no-cache");
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        int error = out.indexOf("ERROR");
        int causes = out.indexOf("CAUSES, MOST LIKELY FIRST");
        int plan = out.indexOf("PLAN");
        assertTrue(error >= 0 && causes > error && plan > causes, out);
        assertTrue(out.contains("0x904 (2308) disconnectReasonAtClientWinsockFDCLOSE"), out);
        assertTrue(out.contains("CONFIRMED") && out.contains("tls12-disabled"), out);
        assertFalse(out.contains("\u001b["), "no ANSI codes when output is not a terminal");
    }

    @Test
    void textLinesFitOneHundredColumnsExceptCommands() {
        Cli r = Cli.run("diagnose", EXAMPLE, "--rules", "rules", "--explain");
        for (String line : r.out().split("\n")) {
            // Commands are never broken (they must paste as they are), nor is a single long word such as a URL.
            if (!line.strip().startsWith(">") && line.strip().contains(" ")) {
                assertTrue(line.length() <= 100, "too wide (" + line.length() + "): " + line);
            }
        }
    }

    @Test
    void colourCanBeForced() {
        Cli r = Cli.run("diagnose", EXAMPLE, "--rules", "rules", "--color", "always");
        assertTrue(r.out().contains("\u001b[1m"));
    }

    @Test
    void explainAddsTheRuleTrace() {
        Cli plain = Cli.run("diagnose", EXAMPLE, "--rules", "rules");
        Cli explained = Cli.run("diagnose", EXAMPLE, "--rules", "rules", "--explain");
        assertFalse(plain.out().contains("RULE TRACE"));
        assertTrue(explained.out().contains("RULE TRACE"));
        assertTrue(explained.out().contains("\"tls12-disabled: Schannel has TLS 1.2 off for servers\""));
        assertTrue(explained.out().contains("host.tls12ServerEnabled = false"));
    }

    @Test
    void jsonReportKeepsItsContract() throws IOException {
        Cli r = Cli.run("diagnose", EXAMPLE, "--rules", "rules", "--format", "json", "--explain");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = JSON.readTree(r.out());
        assertEquals(2, root.get("schemaVersion").asInt());
        assertEquals(2308, root.at("/error/main/value").asInt());
        assertEquals("0x904", root.at("/error/main/hex").asString());
        assertEquals(7, root.at("/error/extended/value").asInt());
        assertTrue(root.at("/error/targeted").asBoolean());
        JsonNode first = root.get("causes").get(0);
        for (String key : List.of("id", "title", "status", "confidence", "evidence", "sources", "claimStatus")) {
            assertTrue(first.has(key), "cause lacks " + key);
        }
        assertEquals("tls12-disabled", first.get("id").asString());
        assertEquals("confirmed", first.get("status").asString());
        JsonNode ev = first.get("evidence").get(0);
        assertEquals("host.tls12ServerEnabled", ev.at("/facts/0/path").asString());
        assertFalse(ev.at("/facts/0/value").asBoolean());
        for (JsonNode step : root.get("plan")) {
            for (String key : List.of("step", "kind", "id", "title", "runsOn", "commands", "addresses", "reducesSecurity",
                    "restart", "rollbackOf", "rollback")) {
                assertTrue(step.has(key), "plan step lacks " + key);
            }
            assertTrue(List.of("check", "fix", "verify", "rollback", "escalate", "prevent").contains(step.get("kind").asString()));
        }
        assertTrue(root.has("trace"));
    }

    @Test
    void markdownReportHasHeadingsAndCodeBlocks() {
        Cli r = Cli.run("diagnose", EXAMPLE, "--rules", "rules", "--format", "markdown");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("# rdpdiag diagnosis for"));
        assertTrue(r.out().contains("## Plan"));
        assertTrue(r.out().contains("```"));
    }

    @Test
    void everyCommandHasHelp() {
        Cli root = Cli.run("--help");
        Cli diagnose = Cli.run("diagnose", "--help");
        assertEquals(0, root.exit());
        assertEquals(0, diagnose.exit());
        assertTrue(root.out().contains("diagnose"));
        assertTrue(diagnose.out().contains("--format") && diagnose.out().contains("--explain") && diagnose.out().contains("--rules"));
    }

    @Test
    void unknownOptionIsBadUsageWithASuggestion() {
        Cli r = Cli.run("diagnose", EXAMPLE, "--explian");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--explian"), r.err());
        assertTrue(r.err().contains("--explain"), r.err());
    }

    @Test
    void missingFactsFileIsBadInput() {
        Cli r = Cli.run("diagnose", tmp.resolve("nope.yaml").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("nope.yaml"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void badFactsAreLocatedWithASuggestion() throws IOException {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "error:\n  mainCode: 0x904\nhost:\n  tls12ServerEnabeld: false\n");
        Cli r = Cli.run("diagnose", f.toString(), "--rules", "rules");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(f + ":4:3"), r.err());
        assertTrue(r.err().contains("tls12ServerEnabled"), r.err());
    }

    @Test
    void aMissingRulesFolderIsBadUsage() {
        Cli r = Cli.run("diagnose", EXAMPLE, "--rules", tmp.resolve("none").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("no such folder"), r.err());
    }

    @Test
    void aBrokenRuleIsReportedWithFileAndLine() throws IOException {
        Path rules = copyOfRules();
        Files.writeString(rules.resolve("tls.drl"), Files.readString(rules.resolve("tls.drl"))
                .replaceFirst("Host\\( tls12ServerEnabled == false \\)", "Host( tls12ServerEnabled == false"));
        Cli r = Cli.run("diagnose", EXAMPLE, "--rules", rules.toString(), "--no-cache");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().matches("(?s).*tls\\.drl:\\d+:\\d+: error: .*"), r.err());
    }

    @Test
    void aRuleWithAnotherConsequenceThanConcludeIsRefusedWhereItsConsequenceIs() throws IOException {
        Path rules = copyOfRules();
        Files.writeString(rules.resolve("loop.drl"), """
                package rdpdiag.loop;
                import org.rdpdiag.facts.*;
                rule "loop: modifies what it reads"
                when
                    $h : Host()
                then
                    update($h);
                end
                """);
        Cli r = Cli.run("diagnose", EXAMPLE, "--rules", rules.toString(), "--no-cache");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("loop.drl:7:5: error: rule \"loop: modifies what it reads\": its consequence is "
                + "'update($h);', but a consequence must be exactly conclude(drools);"), r.err());
    }

    @Test
    void aRuleWhoseConditionThrowsIsNamedWithItsLine() throws IOException {
        Path rules = copyOfRules();
        Files.writeString(rules.resolve("boom.drl"), """
                package rdpdiag.boom;
                import org.rdpdiag.facts.*;
                import function org.rdpdiag.engine.Conclusions.conclude;

                rule "boom: throws"
                when
                    Host()
                    eval( Integer.parseInt("kaboom") > 0 )
                then
                    conclude(drools);
                end
                """);
        Cli r = Cli.run("diagnose", EXAMPLE, "--rules", rules.toString(), "--no-cache");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("boom.drl:5: error: rule \"boom: throws\" failed while its conditions were evaluated") && r.err().contains("kaboom"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    /** The engine's time budget releases the command even though the rule's thread never returns. */
    @Test
    void aRuleThatNeverReturnsEndsTheCommandWithItsLineAfterTheTimeBudget() throws IOException {
        Path rules = copyOfRules();
        Files.writeString(rules.resolve("spin.drl"), """
                package rdpdiag.spin;
                import org.rdpdiag.facts.*;
                import function org.rdpdiag.engine.Conclusions.conclude;

                function boolean spin() { int i = 0; while (i >= 0) { i = (i + 1) % 1000; } return true; }

                rule "spin: never returns"
                when
                    ErrorReport()
                    eval( spin() )
                then
                    conclude(drools);
                end
                """);
        Cli r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                org.rdpdiag.engine.Engine.TIME_BUDGET.plusSeconds(10),
                () -> Cli.run("diagnose", EXAMPLE, "--rules", rules.toString(), "--no-cache"));
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("spin.drl:7: error: rule \"spin: never returns\"")
                && r.err().contains("still being evaluated"), r.err());
    }

    private Path copyOfRules() throws IOException {
        Path dir = tmp.resolve("rules");
        Files.createDirectories(dir);
        try (var files = Files.list(Path.of("rules"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        return dir;
    }

    @Test
    void factsThatListWhatWasTriedAreDiagnosed() {
        Cli r = Cli.run("diagnose", "src/test/resources/cli/tls-off-tried.yaml", "--rules", "rules");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("rdpdiag diagnosis for cli-tls-off-tried"), r.out());
    }

    @Test
    void aTriedStepTheKnowledgeBaseDoesNotKnowExitsTwoWithItsPlace() throws IOException {
        Path facts = tmp.resolve("tried.yaml");
        Files.writeString(facts, "error: {mainCode: 0x904, extendedCode: 0x7}\ntried:\n"
                + "  - {step: enable-tls12-servr, outcome: still-fails}\n"
                + "  - step: check-schannel-tls12\n    outcome: still-fails\n"
                + "  - {step: reinstall-windows, outcome: could-not-apply}\n");
        Cli r = Cli.run("diagnose", facts.toString(), "--rules", "rules");
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out(), "no report for facts with a mistake");
        assertEquals(List.of(
                facts + ":3:12: error: tried[0].step: no step with id 'enable-tls12-servr' in the knowledge base "
                        + "(did you mean 'enable-tls12-server'?)",
                facts + ":4:11: error: tried[1].step: 'check-schannel-tls12' is a check, not a fix: only fixes are tried "
                        + "(write what the check showed in the facts' fields instead)",
                facts + ":6:12: error: tried[2].step: no step with id 'reinstall-windows' in the knowledge base "
                        + "(copy the id from the plan, in brackets after the step's title)"),
                r.err().lines().toList());
    }

    @Test
    void aMisspeltTriedOutcomeExitsTwoWithTheWordItMeant() throws IOException {
        Path facts = tmp.resolve("tried.json");
        Files.writeString(facts, "{\"tried\": [{\"step\": \"enable-tls12-server\", \"outcome\": \"still fails\"}]}\n");
        Cli r = Cli.run("diagnose", facts.toString(), "--rules", "rules");
        assertEquals(2, r.exit(), r.err());
        assertEquals(facts + ":1:55: error: tried[0].outcome: \"still fails\" is not one of still-fails, could-not-apply "
                + "(did you mean 'still-fails'?)", r.err().strip());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
