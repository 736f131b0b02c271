package org.rdpdiag.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeSource;
import org.rdpdiag.support.Facts;
import org.rdpdiag.support.ScratchRules;

/** Every rule session has a wall-clock budget; a rule that outlives it is named at file:line. */
class TimeBudgetTest {
    private static final Duration BUDGET = Duration.ofMillis(300);

    @TempDir
    Path tmp;

    private KnowledgeBase load(ScratchRules rules) {
        return new KnowledgeBaseLoader(null).load(KnowledgeSource.directory(rules.dir()));
    }

    /** A condition that never returns: Java cannot stop the thread, so the caller is released instead. */
    @Test
    void aRuleThatNeverReturnsReleasesAGuardedCallerWithTheRuleAndItsLine() {
        ScratchRules rules = ScratchRules.small(tmp).append("plan.drl", """

                function boolean spin() { int i = 0; while (i >= 0) { i = (i + 1) % 1000; } return true; }

                rule "alpha: spins on fips hosts" @cause("alpha") @weight("hints")
                when Host( fipsEnabled == true ) eval( spin() ) then conclude(drools); end
                """);
        int line = rules.lineOf("plan.drl", "rule \"alpha: spins on fips hosts\"");
        Engine engine = new Engine(load(rules), BUDGET);
        HostFacts fips = Facts.host().fipsEnabled(true).build();
        EngineException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(EngineException.class, () -> Guarded.call(() -> engine.run(fips))));
        assertEquals("alpha: spins on fips hosts", e.rule());
        assertTrue(e.location().endsWith("plan.drl:" + line), e.location());
        assertTrue(e.getMessage().contains("still being evaluated") && e.getMessage().contains("300 ms"), e.getMessage());
        EngineException again = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(EngineException.class, () -> Guarded.call(() -> engine.run(fips))));
        assertTrue(again.getMessage().startsWith("not run") && "alpha: spins on fips hosts".equals(again.rule()),
                "a knowledge base that left a thread stuck fails at once: " + again.getMessage());
    }

    /** Unguarded, as batch runs: a slow rule is named once it returns, even though it finished. */
    @Test
    void aSlowRuleOnTheCallingThreadFailsWhenItReturnsLate() {
        // The watch reads the thread's stack once the budget is spent; the rule sleeps far past it,
        // so that a watch delayed by a loaded machine still finds it inside the slow rule.
        ScratchRules rules = ScratchRules.small(tmp).append("plan.drl", """

                function boolean slow() { try { Thread.sleep(4000); } catch (InterruptedException e) { } return true; }

                rule "alpha: slow on fips hosts" @cause("alpha") @weight("hints")
                when Host( fipsEnabled == true ) eval( slow() ) then conclude(drools); end
                """);
        Engine engine = new Engine(load(rules), BUDGET);
        HostFacts fips = Facts.host().fipsEnabled(true).build();
        EngineException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(EngineException.class, () -> engine.run(fips)));
        assertEquals("alpha: slow on fips hosts", e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains("time budget of 300 ms"), e.getMessage());
        HostFacts other = Facts.host().fipsEnabled(false).build();
        assertEquals(1, engine.run(other).trace().stream().filter(f -> f.rule().equals("beta: ruled out")).count(),
                "a session that stays within the budget is not affected");
    }
}
