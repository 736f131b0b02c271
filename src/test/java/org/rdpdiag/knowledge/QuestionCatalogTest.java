package org.rdpdiag.knowledge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rdpdiag.support.TestKnowledge;

/** The interview can reach every observation the rules read. */
class QuestionCatalogTest {
    @Test
    void everyFactARuleReadsHasAQuestion() {
        KnowledgeBase kb = TestKnowledge.kb();
        Set<String> asked = new TreeSet<>();
        kb.catalog().questions().forEach(q -> asked.add(q.fact()));
        List<String> missing = new ArrayList<>();
        for (RuleInfo r : kb.rules()) {
            for (String fact : r.reads()) {
                if (!asked.contains(fact) && !missing.contains(fact)) {
                    missing.add(fact + " (read by rule \"" + r.name() + "\")");
                }
            }
        }
        assertTrue(missing.isEmpty(), "facts no question asks: " + missing);
    }

    @Test
    void theErrorCodesAreAskedFirst() {
        KnowledgeBase kb = TestKnowledge.kb();
        assertTrue(kb.catalog().questions().stream().anyMatch(q -> q.askFirst() && q.fact().equals("error.mainCode")));
        assertTrue(kb.catalog().questions().stream().anyMatch(q -> q.askFirst() && q.fact().equals("error.extendedCode")));
    }
}
