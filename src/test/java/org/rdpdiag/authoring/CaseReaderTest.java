package org.rdpdiag.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.knowledge.KnowledgeException;
import org.rdpdiag.knowledge.KnowledgeProblem;

/** Case files are read with every problem located in the case file itself. */
class CaseReaderTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private List<String> problems(Path file) {
        KnowledgeException e = assertThrows(KnowledgeException.class, () -> CaseReader.read(file));
        return e.problems().stream().map(KnowledgeProblem::toString).toList();
    }

    @Test
    void readsEveryKindOfExpectation() throws IOException {
        CaseSpec c = CaseReader.read(write("full.yaml", """
                description: Everything a case can say.
                facts:
                  error: {mainCode: "0x904", extendedCode: "0x7"}
                  host:
                    tls12ServerEnabled: false
                expect:
                  causes: {tls12-disabled: confirmed, nla-mismatch: possible}
                  notConfirmed: [firewall-blocks-rdp]
                  topCause: tls12-disabled
                  plan:
                    startsWith: [enable-tls12-host]
                    includes: [escalate-with-evidence]
                    excludes: [rename-machinekeys]
                    order: ["enable-tls12-host before escalate-with-evidence"]
                  interview: {maxQuestions: 9, topCause: tls12-disabled}
                """));
        assertEquals("full", c.name());
        assertEquals("full", c.facts().id());
        assertEquals(Boolean.FALSE, c.facts().value("host.tls12ServerEnabled"));
        assertEquals(2308, c.facts().error().mainCode());
        CaseSpec.Expectations x = c.expect();
        assertEquals("confirmed", x.causes().get("tls12-disabled"));
        assertEquals(List.of("firewall-blocks-rdp"), x.notConfirmed());
        assertEquals(List.of(new CaseSpec.Order("enable-tls12-host", "escalate-with-evidence")), x.planOrder());
        assertEquals(9, x.maxQuestions());
        assertEquals("tls12-disabled", x.interviewTop());
        assertEquals(7, c.line("causes.nla-mismatch"));
        assertEquals(14, c.line("plan.order[0]"));
    }

    @Test
    void badFactsInsideACaseAreLocatedInTheCaseFile() throws IOException {
        List<String> p = problems(write("bad-facts.yaml", """
                description: A typo in the facts.
                facts:
                  host:
                    tls12ServerEnabeld: false
                expect:
                  causes: {tls12-disabled: confirmed}
                """));
        assertEquals(1, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith(tmp.resolve("bad-facts.yaml") + ":4:5: error: "), p.get(0));
        assertTrue(p.get(0).contains("tls12ServerEnabled"), "suggests the right key: " + p.get(0));
    }

    @Test
    void unknownKeysWrongStatusesAndBadOrdersAreAllReported() throws IOException {
        List<String> p = problems(write("many.yaml", """
                facts: {host: {nlaRequired: true}}
                expect:
                  cuases: {x: confirmed}
                  causes: {nla-mismatch: confimred}
                  plan:
                    order: ["a after b"]
                  interview: {maxQuestions: many}
                """));
        String all = String.join("\n", p);
        assertTrue(all.contains(":3:3: error: unknown key 'cuases'; did you mean 'causes'?"), all);
        assertTrue(all.contains(":4:12: error: status 'confimred' must be one of confirmed, likely, possible, ruled_out"), all);
        assertTrue(all.contains(":6:13: error: an order is written 'step-a before step-b'"), all);
        assertTrue(all.contains(":7:15: error: maxQuestions must be a whole number"), all);
        assertEquals(4, p.size(), all);
    }

    @Test
    void aCaseNeedsExactlyOneSourceOfFacts() throws IOException {
        assertTrue(problems(write("none.yaml", "expect: {topCause: x}\n")).get(0).contains("exactly one of facts"));
        String missing = problems(write("gone.yaml", "factsFile: nowhere.yaml\n")).get(0);
        assertTrue(missing.contains(":1:1: error: factsFile nowhere.yaml does not exist"), missing);
    }

    @Test
    void aFactsFileIsReadRelativeToTheCase() throws IOException {
        write("host.yaml", "id: web-01\nhost: {nlaRequired: true}\n");
        CaseSpec c = CaseReader.read(write("ref.yaml", "factsFile: host.yaml\nexpect: {}\n"));
        assertEquals("web-01", c.facts().id(), "an id in the facts wins over the case name");
        assertEquals(Boolean.TRUE, c.facts().value("host.nlaRequired"));
    }

    @Test
    void commandsTakingAHostAcceptACaseFileOrAFactsFile() throws IOException {
        Path caseFile = write("c.yaml", "facts:\n  host: {nlaRequired: true}\nexpect: {}\n");
        assertEquals(Boolean.TRUE, CaseReader.factsOf(caseFile).value("host.nlaRequired"));
        Path factsFile = write("f.yaml", "host: {nlaRequired: false}\n");
        assertEquals(Boolean.FALSE, CaseReader.factsOf(factsFile).value("host.nlaRequired"));
        Path broken = write("b.yaml", "facts:\n  host: {nlaRequired: maybe}\n");
        FactsException e = assertThrows(FactsException.class, () -> CaseReader.factsOf(broken));
        assertTrue(e.problems().get(0).toString().startsWith(broken + ":2:"), e.getMessage());
    }
}
