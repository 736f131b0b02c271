package org.rdpdiag.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.support.ScratchRules;

/** Syntax errors in knowledge files are located where the author has to edit, without cascades. */
class KnowledgeSyntaxTest {
    @TempDir
    Path tmp;

    private static List<KnowledgeProblem> problems(ScratchRules rules) {
        return assertThrows(KnowledgeException.class,
                () -> new KnowledgeBaseLoader(null).load(KnowledgeSource.directory(rules.dir()))).problems();
    }

    @Test
    void anUnclosedQuoteInACatalogueFileIsLocatedAtTheQuoteAlone() {
        ScratchRules rules = ScratchRules.full(tmp).replace("tls.yaml", "    cost: 1\n", "    cost: \"1\n");
        int line = rules.lineOf("tls.yaml", "cost: \"1");
        List<KnowledgeProblem> problems = problems(rules);
        assertEquals(1, problems.size(), "no cascade from the rules naming its causes: " + problems);
        KnowledgeProblem p = problems.get(0);
        assertEquals(rules.dir().resolve("tls.yaml").toString(), p.file());
        assertEquals(line, p.line(), p.toString());
        assertEquals(11, p.column(), p.toString());
        assertTrue(p.message().contains("a quoted value is not closed") && p.message().contains("add the closing quote"),
                p.toString());
    }

    @Test
    void aBadIndentationInACatalogueFileIsLocatedAtItsLine() {
        ScratchRules rules = ScratchRules.full(tmp).replace("tls.yaml", "    prior: 0.15", "   prior: 0.15");
        int line = rules.lineOf("tls.yaml", "   prior: 0.15");
        List<KnowledgeProblem> problems = problems(rules);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(line, problems.get(0).line(), problems.toString());
        assertTrue(problems.get(0).column() > 1, problems.toString());
    }

    @Test
    void aRuleWithoutEndIsLocatedAtThatRule() {
        String next = "rule \"tls12-disabled: Schannel event 36871 on the host\"";
        ScratchRules rules = ScratchRules.full(tmp).replace("tls.drl", "    conclude(drools);\nend\n\n" + next,
                "    conclude(drools);\n\n" + next);
        int line = rules.lineOf("tls.drl", "rule \"tls12-disabled: Schannel has TLS 1.2 off for servers\"");
        List<KnowledgeProblem> problems = problems(rules);
        assertEquals(List.of(rules.dir().resolve("tls.drl") + ":" + line + ":1: error: rule \"tls12-disabled: Schannel "
                + "has TLS 1.2 off for servers\" is not closed: add 'end' after its consequence"),
                problems.stream().map(KnowledgeProblem::toString).toList());
    }
}
