package org.rdpdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.support.Cli;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code rdpdiag ask}: the interactive conversation on piped input, replay, JSON, --facts and --save. */
class AskCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    private Run ask(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 3];
        all[0] = "ask";
        all[1] = "--rules";
        all[2] = "rules";
        System.arraycopy(args, 0, all, 3, args.length);
        int code = Main.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true), all);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aConversationOnPipedInputEndsWithTheDiagnoseReport() {
        Path save = tmp.resolve("answers.yaml");
        // The answers of expired-self-signed-cert, in the order its replay asks them ("unknown" where the file is silent).
        org.rdpdiag.facts.HostFacts full = org.rdpdiag.facts.FactsReader.read(Path.of("facts/examples/expired-self-signed-cert.yaml"));
        StringBuilder input = new StringBuilder();
        for (var step : org.rdpdiag.interview.Replay.run(org.rdpdiag.support.Examples.service(),
                org.rdpdiag.facts.HostFacts.unknown(org.rdpdiag.facts.Vocabulary.bundled(), full.id()), full).steps()) {
            Object v = step.answer();
            input.append(v == null ? "unknown" : v instanceof Integer code && step.fact().startsWith("error.")
                    && step.fact().endsWith("Code") ? "0x" + Integer.toHexString(code) : String.valueOf(v)).append('\n');
        }
        Run r = ask(input.toString(), "--save", save.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Q1 ") && r.out().contains("Error code"), r.out());
        assertTrue(r.out().contains("Interview complete"), r.out());
        assertTrue(r.out().contains("CAUSES, MOST LIKELY FIRST"), "ends with the diagnose report");
        assertTrue(Files.exists(save));
    }

    @Test
    void badAnswersAreReaskedWithAHint() {
        Run r = ask("0x904\n7\n\nmaybe\n99\nquit\n", "--save", tmp.resolve("a.yaml").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("type an answer, or 'unknown'"), r.out());
        assertTrue(r.out().contains("choose 1-") || r.out().contains("answer yes or no"), r.out());
        assertFalse(r.out().contains("Exception"));
    }

    @Test
    void whyHowAndBackAnswerAtThePrompt() {
        Run r = ask("0x904\n7\nwhy\nhow\nunknown\nback\nquit\n", "--save", tmp.resolve("a.yaml").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Asked because its answer is expected to save"), r.out());
        assertTrue(r.out().matches("(?s).*if .* \\(odds \\d+%\\): .*"), "why shows each answer's odds: " + r.out());
        assertTrue(r.out().contains("Ranking now:"), r.out());
        assertTrue(r.out().contains("Took back"), r.out());
        assertTrue(r.out().contains("everything concluded from it is withdrawn"), r.out());
    }

    @Test
    void quitSavesWhatWasAnsweredAsAFactsFileThatDiagnoseAccepts() throws IOException {
        Path save = tmp.resolve("partial.yaml");
        Run r = ask("0x904\n0x7\nquit\n", "--save", save.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Answers saved to " + save), r.out());
        String saved = Files.readString(save);
        assertTrue(saved.contains("mainCode: 2308") && saved.contains("extendedCode: 7"), saved);
        Cli d = Cli.run("diagnose", save.toString(), "--rules", "rules");
        assertEquals(0, d.exit(), d.err());
        assertTrue(d.out().contains("0x904 (2308)"));
    }

    @Test
    void endOfInputBehavesLikeQuit() {
        Run r = ask("0x904\n", "--save", tmp.resolve("eof.yaml").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("input ended"), r.out());
    }

    @Test
    void startingFromFactsAsksOnlyWhatIsMissing() throws IOException {
        Path facts = tmp.resolve("start.yaml");
        Files.writeString(facts, "error: {mainCode: \"0x904\", extendedCode: \"0x7\"}\nhost: {certificateState: valid}\n");
        Run r = ask("quit\n", "--facts", facts.toString(), "--save", tmp.resolve("s.yaml").toString());
        assertFalse(r.out().contains("\"Error code\""), "the codes are known: " + r.out());
        assertFalse(r.out().contains("what condition is the listener's certificate in"), r.out());
    }

    @Test
    void replayPrintsTheTranscriptAndTheReport() {
        Cli r = Cli.run("ask", "--rules", "rules", "--answers", "facts/examples/expired-self-signed-cert.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("-> 0x904 (2308)"), r.out());
        assertTrue(r.out().contains("-> expired"), r.out());
        assertTrue(r.out().contains("Interview complete after"), r.out());
        assertTrue(r.out().contains("CONFIRMED"), r.out());
    }

    @Test
    void replayAsJsonHasQuestionsAndTheDiagnoseReport() throws IOException {
        Cli r = Cli.run("ask", "--rules", "rules", "--answers", "facts/examples/expired-self-signed-cert.yaml", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("error-main-code", root.at("/questions/0/id").asString());
        assertEquals(2308, root.at("/questions/0/answer").asInt());
        assertTrue(root.get("questions").size() >= 3);
        assertEquals("rdp-certificate-invalid", root.at("/report/causes/0/id").asString());
        assertEquals(2, root.at("/report/schemaVersion").asInt());
    }

    @Test
    void jsonWithoutAnswersIsBadUsage() {
        Run r = ask("", "--format", "json");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--answers"), r.err());
    }

    @Test
    void askHasHelp() {
        Cli r = Cli.run("ask", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("--answers") && r.out().contains("--save") && r.out().contains("--facts"));
    }

    @Test
    void aSavePathThatCannotBeWrittenIsRefusedBeforeTheFirstQuestion() throws IOException {
        Path blocker = tmp.resolve("plain-file");
        Files.writeString(blocker, "x\n");
        Run r = ask("0x904\n0x7\nno\nexpired\n", "--save", blocker.resolve("answers.yaml").toString());
        assertEquals(2, r.exit(), r.err());
        assertFalse(r.out().contains("Q1"), "no question was asked: " + r.out());
        assertTrue(r.err().contains("cannot save the answers to " + blocker.resolve("answers.yaml")), r.err());
    }

    @Test
    void aSaveThatFailsAtTheEndGoesToAFallbackFileThatHoldsEveryAnswer() throws IOException {
        Path blocker = tmp.resolve("plain-file");
        Files.writeString(blocker, "x\n");
        org.rdpdiag.facts.HostFacts facts = org.rdpdiag.authoring.CaseReader.factsOf(
                Path.of("facts/examples/expired-self-signed-cert.yaml")).withTried(List.of(new org.rdpdiag.facts.Tried(
                        "regenerate-rdp-self-signed-certificate", org.rdpdiag.facts.TriedOutcome.COULD_NOT_APPLY)));
        AnswersFile.Saved saved = AnswersFile.save(facts, blocker.resolve("answers.yaml"));
        try {
            assertFalse(saved.asAsked());
            assertTrue(saved.problem().contains("a part of the path is not a folder"), saved.problem());
            assertEquals(Path.of(System.getProperty("java.io.tmpdir")), saved.where().getParent());
            assertEquals(org.rdpdiag.facts.FactValues.of(facts),
                    org.rdpdiag.facts.FactValues.of(org.rdpdiag.authoring.CaseReader.factsOf(saved.where())),
                    "every answer is in the fallback file");
            assertEquals(facts.tried(), org.rdpdiag.authoring.CaseReader.factsOf(saved.where()).tried(),
                    "and what was tried");
        } finally {
            Files.deleteIfExists(saved.where());
        }
    }

    @Test
    void savedAnswersKeepWhatWasTried() throws IOException {
        Path save = tmp.resolve("replayed.yaml");
        Cli r = Cli.run("ask", "--rules", "rules", "--answers", "src/test/resources/cli/tls-off-tried.yaml",
                "--save", save.toString());
        assertEquals(0, r.exit(), r.err());
        org.rdpdiag.facts.HostFacts given = org.rdpdiag.authoring.CaseReader.factsOf(Path.of("src/test/resources/cli/tls-off-tried.yaml"));
        org.rdpdiag.facts.HostFacts saved = org.rdpdiag.authoring.CaseReader.factsOf(save);
        assertEquals(given.tried(), saved.tried());
        assertTrue(Files.readString(save).contains("tried:"), Files.readString(save));

        // Stopped at once, from the same file as known facts: what was tried is saved with them.
        Path stopped = tmp.resolve("stopped.yaml");
        Run q = ask("quit\n", "--facts", "src/test/resources/cli/tls-off-tried.yaml", "--save", stopped.toString());
        assertEquals(0, q.exit(), q.err());
        assertEquals(given.tried(), org.rdpdiag.authoring.CaseReader.factsOf(stopped).tried());
        assertEquals(org.rdpdiag.facts.FactValues.of(given), org.rdpdiag.facts.FactValues.of(
                org.rdpdiag.authoring.CaseReader.factsOf(stopped)), "and the observations, as before");
    }

    @Test
    void unknownAnswersAreSavedAndNotAskedAgainWhenTheConsultationGoesOn() throws IOException {
        Path first = tmp.resolve("first.yaml");
        // The codes, then "unknown" to the first two questions the strategy chooses.
        Run r = ask("0x904\n0x7\nunknown\nunknown\nquit\n", "--save", first.toString());
        assertEquals(0, r.exit(), r.err());
        org.rdpdiag.facts.HostFacts saved = org.rdpdiag.authoring.CaseReader.factsOf(first);
        List<String> unknown = List.copyOf(saved.answeredUnknown());
        assertEquals(2, unknown.size(), Files.readString(first));
        assertTrue(Files.readString(first).contains("unknown:"), Files.readString(first));

        // Going on from the saved file: neither of the two is asked again, and the first question is a new one.
        Path second = tmp.resolve("second.yaml");
        Run again = ask("unknown\nquit\n", "--facts", first.toString(), "--save", second.toString());
        assertEquals(0, again.exit(), again.err());
        org.rdpdiag.knowledge.Catalog catalog = org.rdpdiag.support.TestKnowledge.kb().catalog();
        for (String fact : unknown) {
            String prompt = catalog.questions().stream().filter(q -> q.fact().equals(fact)).findFirst().orElseThrow().prompt();
            assertFalse(again.out().contains(prompt), fact + " was asked again:\n" + again.out());
        }
        // The answers of both sessions are kept, the earlier first.
        List<String> both = List.copyOf(org.rdpdiag.authoring.CaseReader.factsOf(second).answeredUnknown());
        assertEquals(3, both.size(), Files.readString(second));
        assertEquals(unknown, both.subList(0, 2));

        // diagnose reads the saved file: the unknown answers are unknown observations, as if left out.
        Cli d = Cli.run("diagnose", second.toString(), "--rules", "rules");
        assertEquals(0, d.exit(), d.err());
    }

    @Test
    void anUnknownTriedStepInTheAnswersIsRefusedBeforeTheFirstQuestion() throws IOException {
        Path answers = tmp.resolve("answers.yaml");
        Files.writeString(answers, "error: {mainCode: 0x904, extendedCode: 0x7}\ntried: [{step: enable-tls12, outcome: still-fails}]\n");
        Cli r = Cli.run("ask", "--rules", "rules", "--answers", answers.toString());
        assertEquals(2, r.exit(), r.err());
        assertFalse(r.out().contains("Q1"), r.out());
        assertTrue(r.err().startsWith(answers + ":2:16: error: tried[0].step: no step with id 'enable-tls12' in the knowledge base"),
                r.err());
    }
}
