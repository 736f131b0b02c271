package org.rdpdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A knowledge author adds an observation with a knowledge edit alone, and the shipped jar takes it
 * through {@code --rules}: a declaration in {@code observations.yaml}, a rule that reads it, a
 * question that asks it and a case that uses it; then {@code rules check}, {@code rules test} and
 * {@code ask} run on the copy, and the schema the copy publishes names the new field.
 */
class ObservationAsKnowledgeIT {
    private static final String DECLARATION = """
                  - name: endpointAgentMode
                    type: text
                    values: ["none", "monitoring", "blocking"]
                    about: "What an endpoint security agent on the host does with inbound Remote Desktop: 'none' (no agent), 'monitoring' (it only logs) or 'blocking' (it drops the connection). Absent: not checked."
                    where: [host]
                    how: "Look at the agent's console or its local policy for rules on TCP 3389."
            """;
    private static final String RULE = """
            package rdpdiag.agent;

            import org.rdpdiag.facts.*;
            import function org.rdpdiag.engine.Conclusions.conclude;

            rule "firewall-blocks-rdp: an endpoint agent drops inbound Remote Desktop"
                @cause("firewall-blocks-rdp") @weight("suggests")
                @explanation("An agent that drops inbound connections on the RDP port acts as a host firewall would.")
            when
                Host( endpointAgentMode == "%s" )
            then
                conclude(drools);
            end
            """;
    private static final String QUESTION = """

              - id: host-endpoint-agent-mode
                fact: host.endpointAgentMode
                prompt: On the host, what does the endpoint security agent do with inbound Remote Desktop?
                cost: 1
                choices:
                  - {value: none, label: "there is no such agent"}
                  - {value: monitoring, label: "it only logs connections"}
                  - {value: blocking, label: "it blocks them"}
            """;
    private static final String CASE = """
            description: An endpoint agent on the host drops inbound Remote Desktop connections.
            facts:
              error: {mainCode: "0x904", extendedCode: "0x7"}
              host: {endpointAgentMode: blocking}
            expect:
              causes:
                firewall-blocks-rdp: likely
            """;

    @TempDir
    Path tmp;
    Path rules;

    record Run(int exit, String out, String err) {}

    /** The rules and, beside them, the facts some cases name, as in the project. */
    @BeforeEach
    void copyTheRules() throws IOException {
        rules = tmp.resolve("rules");
        copy(Path.of("rules"), rules);
        copy(Path.of("facts"), tmp.resolve("facts"));
        Path vocabulary = rules.resolve("observations.yaml");
        String text = Files.readString(vocabulary);
        int network = text.indexOf("\n  - section: network");
        assertTrue(network > 0, "the vocabulary has a network section after the host section");
        Files.writeString(vocabulary, text.substring(0, network) + "\n" + DECLARATION.stripTrailing() + text.substring(network));
        Files.writeString(rules.resolve("questions.yaml"), QUESTION, StandardOpenOption.APPEND);
        Files.writeString(rules.resolve("cases").resolve("endpoint-agent-blocks.yaml"), CASE);
    }

    @Test
    void aNewObservationWorksThroughTheJarWithoutJava() throws Exception {
        Files.writeString(rules.resolve("agent.drl"), RULE.formatted("blocking"));

        Run check = jar("rules", "check", rules.toString());
        assertEquals(0, check.exit(), check.out() + check.err());

        Run test = jar("rules", "test", rules.toString());
        assertEquals(0, test.exit(), test.out() + test.err());
        long cases;
        try (Stream<Path> files = Files.list(rules.resolve("cases"))) {
            cases = files.filter(f -> f.toString().endsWith(".yaml")).count();
        }
        assertTrue(test.out().contains(cases + " cases: " + cases + " passed, 0 failed"), "the new case runs and passes: " + test.out());

        // The interview starts from what is known (the new observation) and is answered the codes.
        Path start = tmp.resolve("start.yaml");
        Files.writeString(start, "host: {endpointAgentMode: blocking}\n");
        Path answers = tmp.resolve("answers.yaml");
        Files.writeString(answers, "error: {mainCode: \"0x904\", extendedCode: \"0x7\"}\n");
        Run ask = jar("ask", "--rules", rules.toString(), "--facts", start.toString(), "--answers", answers.toString());
        assertEquals(0, ask.exit(), ask.out() + ask.err());
        assertTrue(ask.out().contains("+ suggests host.endpointAgentMode = blocking"),
                "the evidence quotes the new observation: " + ask.out());

        Run schema = jar("rules", "schema", rules.toString());
        assertEquals(0, schema.exit(), schema.err());
        assertTrue(schema.out().contains("\"endpointAgentMode\""), "the published schema follows the declaration");

        Run bundled = jar("diagnose", start.toString());
        assertEquals(2, bundled.exit(), "the bundled vocabulary does not know the field");
        assertTrue(bundled.err().contains("endpointAgentMode"), bundled.err());
    }

    @Test
    void aMisspeltValueOfTheNewObservationIsReportedAtItsColumn() throws Exception {
        Files.writeString(rules.resolve("agent.drl"), RULE.formatted("blockng"));
        Run check = jar("rules", "check", rules.toString());
        assertEquals(1, check.exit(), check.out() + check.err());
        String all = check.out() + check.err();
        String line = all.lines().filter(l -> l.contains("agent.drl:10:")).findFirst().orElse("");
        assertTrue(line.contains("agent.drl:10:32: error:") && line.contains("did you mean \"blocking\"?"), all);
    }

    @Test
    void aMistakeInTheDeclarationIsLocated() throws Exception {
        Files.writeString(rules.resolve("agent.drl"), RULE.formatted("blocking"));
        Path vocabulary = rules.resolve("observations.yaml");
        Files.writeString(vocabulary, Files.readString(vocabulary).replace("type: text\n        values: [\"none\"",
                "type: txt\n        values: [\"none\""));
        Run check = jar("rules", "check", rules.toString());
        assertEquals(1, check.exit(), check.out() + check.err());
        String all = check.out() + check.err();
        assertTrue(all.contains("observations.yaml:") && all.contains(": error: ") && all.contains("\"txt\" is not one of")
                && all.contains("did you mean 'text'?"), all);
    }

    private static void copy(Path from, Path into) throws IOException {
        Path source = from.toAbsolutePath();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path to = into.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }

    private Run jar(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("rdpdiag.jar", "target/rdpdiag.jar")).toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("RDPDIAG_CACHE_DIR", tmp.resolve("cache").toString());
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "jar did not finish");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
