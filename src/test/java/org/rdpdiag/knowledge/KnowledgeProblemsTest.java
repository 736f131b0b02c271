package org.rdpdiag.knowledge;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken knowledge is refused with every problem located, never half-loaded. */
class KnowledgeProblemsTest {
    @TempDir
    Path tmp;

    private Path rules(String drlEdit, String yamlEdit) throws IOException {
        Path dir = tmp.resolve("rules");
        Files.createDirectories(dir);
        String drl = Files.readString(Path.of("src/test/resources/kb/plan/plan.drl"));
        String yaml = Files.readString(Path.of("src/test/resources/kb/plan/plan.yaml"));
        Files.writeString(dir.resolve("plan.drl"), drlEdit == null ? drl : drl + drlEdit);
        Files.writeString(dir.resolve("plan.yaml"), yamlEdit == null ? yaml : yaml.replace(yamlEdit.split("=>")[0], yamlEdit.split("=>")[1]));
        Files.copy(Path.of("src/test/resources/kb/plan/costs.yaml"), dir.resolve("costs.yaml"));
        return dir;
    }

    private static String load(Path dir) {
        KnowledgeException e = assertThrows(KnowledgeException.class,
                () -> new KnowledgeBaseLoader(null).load(KnowledgeSource.directory(dir)));
        return e.getMessage();
    }

    @Test
    void aRuleNamingAnUnknownCauseIsLocatedAtItsLine() throws IOException {
        String msg = load(rules("\nrule \"ghost\" @cause(\"no-such-cause\") @weight(\"hints\")\nwhen Host() then end\n", null));
        assertTrue(msg.matches("(?s).*plan\\.drl:3[0-9]:1: error: rule \"ghost\" names @cause\\(\"no-such-cause\"\\).*"), msg);
    }

    @Test
    void aWrongWeightWordIsNamedWithTheAllowedOnes() throws IOException {
        String msg = load(rules("\nrule \"odd\" @cause(\"alpha\") @weight(\"maybe\")\nwhen Host() then end\n", null));
        assertTrue(msg.contains("rule \"odd\" needs @weight with one of confirms, suggests, hints, weakens, rules-out"), msg);
    }

    @Test
    void aSyntaxErrorPointsAtTheLine() throws IOException {
        String msg = load(rules("\nrule \"broken\"\nwhen Host( nlaRequired == ) then end\n", null));
        assertTrue(msg.matches("(?s).*plan\\.drl:\\d+:\\d+: error: .*"), msg);
    }

    @Test
    void aRiskyFixWithoutRollbackIsRefused() throws IOException {
        String msg = load(rules(null, "    rollback: {title: Undo risky A, commands: [undo-a]}\n=>\n"));
        assertTrue(msg.matches("(?s).*plan\\.yaml:\\d+:5: error: fix risky-a lowers security or risks collateral damage, so it needs a rollback.*"), msg);
    }

    @Test
    void aCauseNamingAMissingFixIsRefused() throws IOException {
        String msg = load(rules(null, "fixes: [safe-a, risky-a]=>fixes: [safe-a, risky-a, no-such-fix]"));
        assertTrue(msg.contains("plan.yaml:3:6: error: cause alpha names fix 'no-such-fix', which no catalogue file defines"), msg);
    }

    @Test
    void aFixChangingAnUndeclaredObservationIsRefusedWithTheNearestPath() throws IOException {
        String msg = load(rules(null, "    reducesSecurity: true\n=>    reducesSecurity: true\n    changes: [host.nlaRequird]\n"));
        assertTrue(msg.contains("fix risky-a changes 'host.nlaRequird', which the vocabulary does not declare; "
                + "did you mean 'host.nlaRequired'?"), msg);
    }

    @Test
    void anUnknownCatalogueKeyIsLocated() throws IOException {
        String msg = load(rules(null, "family: test=>family: test\nfamilly: x"));
        assertTrue(msg.contains("plan.yaml:2:1: error: unknown key 'familly'"), msg);
    }

    @Test
    void anUnknownKeyInsideAnEntryIsLocatedAtTheKey() throws IOException {
        String msg = load(rules(null, "invasiveness: 2, verify=>invasivenes: 2, verify"));
        assertTrue(msg.contains("plan.yaml:7:130: error: unknown key 'invasivenes' (at fixes[0].invasivenes)"), msg);
    }

    @Test
    void aCitedSeedPairMissingFromTheListIsLocatedAtTheEntry() throws IOException {
        Path dir = rules(null, "{id: beta, title: Beta, explanation: x, sources: [{url: \"https://example.org/b\"}]"
                + "=>{id: beta, title: Beta, explanation: x, sources: [{seeds: [s.txt], pair: P02}]");
        Files.writeString(dir.resolve("pairs.yaml"), "seedPairs:\n  - {id: P01, title: The one listed pair}\n");
        String msg = load(dir);
        assertTrue(msg.contains(dir.resolve("plan.yaml") + ":4:6: error: cause beta cites seed pair 'P02', which "
                + dir.resolve("pairs.yaml") + " does not list"), msg);
    }

    @Test
    void aSeedPairListedTwiceIsRefused() throws IOException {
        Path dir = rules(null, null);
        Files.writeString(dir.resolve("pairs.yaml"), "seedPairs:\n  - {id: P01, title: One}\n  - {id: P01, title: Again}\n");
        assertTrue(load(dir).contains("pair P01 is already defined in"));
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() throws IOException {
        String msg = load(rules(null, "fixes: [safe-a, risky-a]=>fixes: [nope-1, nope-2]"));
        assertTrue(msg.contains("nope-1") && msg.contains("nope-2"), msg);
        assertTrue(List.of(msg.split("\n")).size() >= 2);
    }
}
