package org.rdpdiag.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.support.ScratchRules;

/** A save starts a new round that sees the edit and names the cases whose verdict changed. */
class RulesWatcherTest {
    @TempDir
    Path tmp;

    @Test
    void aRuleFaultFailsOnlyTheCaseItHitsInARound() throws Exception {
        ScratchRules rules = ScratchRules.smallWithReplayFault(tmp);
        try (RulesWatcher watcher = new RulesWatcher(rules.dir(), false)) {
            RulesWatcher.Cycle round = watcher.cycle(java.util.List.of(), System.nanoTime());
            assertEquals(1, round.run().failed());
            assertTrue(round.run().outcomes().get(0).failure().contains(ScratchRules.REPLAY_FAULT),
                    round.run().outcomes().get(0).toString());
            assertTrue(round.run().outcomes().get(1).passed());
        }
    }

    @Test
    void eachSaveIsCheckedAndTestedAndFlipsAreNamed() throws Exception {
        ScratchRules rules = ScratchRules.small(tmp).write("cases/alpha.yaml", """
                facts:
                  host: {nlaRequired: true}
                expect:
                  causes: {alpha: confirmed}
                """);
        LinkedBlockingQueue<RulesWatcher.Cycle> rounds = new LinkedBlockingQueue<>();
        try (RulesWatcher watcher = new RulesWatcher(rules.dir(), false)) {
            Thread t = start(watcher, rounds);
            RulesWatcher.Cycle first = next(rounds);
            assertTrue(first.changed().isEmpty());
            assertTrue(first.run().passed());

            rules.replace("plan.drl", "@cause(\"alpha\") @weight(\"confirms\")", "@cause(\"alpha\") @weight(\"suggests\")");
            RulesWatcher.Cycle broke = next(rounds);
            assertTrue(broke.changed().stream().anyMatch(p -> p.endsWith("plan.drl")), broke.changed().toString());
            assertEquals(Map.of("alpha", "now failing"), broke.flipped());

            rules.replace("plan.drl", "when Host( azureVm == true ) then", "when Host( azureVm == true then");
            RulesWatcher.Cycle broken = next(rounds);
            assertNull(broken.run(), "rules that do not compile run no case");
            assertTrue(broken.lint().errors() > 0);

            rules.replace("plan.drl", "when Host( azureVm == true then", "when Host( azureVm == true ) then")
                    .replace("plan.drl", "@cause(\"alpha\") @weight(\"suggests\")", "@cause(\"alpha\") @weight(\"confirms\")");
            RulesWatcher.Cycle fixed = next(rounds);
            // The rounds between may have merged; what counts is that the last one is whole again.
            while (fixed.run() == null || !fixed.run().passed()) {
                fixed = next(rounds);
            }
            assertEquals(Map.of("alpha", "now passing"), fixed.flipped());
            t.interrupt();
        }
    }

    @Test
    void aSaveNextToAKeptRuleFileLoadsTheDeclaredTypesOnce() throws Exception {
        // Two rule files: after a save, one is kept from the last round and one compiled afresh,
        // and both declare the vocabulary's fact types. Drools refused to merge the two.
        ScratchRules rules = ScratchRules.small(tmp).write("cases/alpha.yaml", """
                facts:
                  host: {nlaRequired: true}
                expect:
                  causes: {alpha: confirmed}
                """).write("other.drl", """
                package scratch.other;
                import org.rdpdiag.facts.*;
                import function org.rdpdiag.engine.Conclusions.conclude;
                rule "alpha: a second file" @cause("alpha") @weight("hints")
                when Host( azureVm == false ) then conclude(drools); end
                """);
        LinkedBlockingQueue<RulesWatcher.Cycle> rounds = new LinkedBlockingQueue<>();
        try (RulesWatcher watcher = new RulesWatcher(rules.dir(), false)) {
            Thread t = start(watcher, rounds);
            assertTrue(next(rounds).run().passed());
            rules.append("plan.drl", "\n// edited\n");
            RulesWatcher.Cycle after = next(rounds);
            assertNotNull(after.run(), "the round after the save ran the cases: " + after.lint());
            assertTrue(after.run().passed());
            t.interrupt();
        }
    }

    @Test
    void aFactsFileACaseNamesOutsideTheFolderIsWatchedToo() throws Exception {
        java.nio.file.Path facts = tmp.resolve("facts/host.yaml");
        java.nio.file.Files.createDirectories(facts.getParent());
        java.nio.file.Files.writeString(facts, "host: {nlaRequired: true}\n");
        ScratchRules rules = ScratchRules.small(tmp).write("cases/alpha.yaml", """
                factsFile: ../../facts/host.yaml
                expect:
                  causes: {alpha: confirmed}
                """);
        LinkedBlockingQueue<RulesWatcher.Cycle> rounds = new LinkedBlockingQueue<>();
        try (RulesWatcher watcher = new RulesWatcher(rules.dir(), false)) {
            Thread t = start(watcher, rounds);
            assertTrue(next(rounds).run().passed());
            java.nio.file.Files.writeString(facts, "host: {nlaRequired: false}\n");
            RulesWatcher.Cycle after = next(rounds);
            assertTrue(after.changed().stream().anyMatch(p -> p.endsWith("host.yaml")), after.changed().toString());
            assertEquals(Map.of("alpha", "now failing"), after.flipped());
            t.interrupt();
        }
    }

    @Test
    void onlyRuleCatalogueCaseAndFactsFilesCount() {
        assertTrue(RulesWatcher.relevant(Path.of("rules/tls.drl")));
        assertTrue(RulesWatcher.relevant(Path.of("rules/cases/a.yaml")));
        assertTrue(RulesWatcher.relevant(Path.of("facts/examples/host.json")));
        assertTrue(!RulesWatcher.relevant(Path.of("rules/.tls.drl.swp")) && !RulesWatcher.relevant(Path.of("rules/tls.drl~"))
                && !RulesWatcher.relevant(Path.of("rules/notes.txt")));
    }

    /** Runs the watcher on a daemon thread that hands every round to {@code rounds}. */
    private static Thread start(RulesWatcher watcher, LinkedBlockingQueue<RulesWatcher.Cycle> rounds) {
        Thread t = new Thread(() -> {
            try {
                watcher.run(rounds::add);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static RulesWatcher.Cycle next(LinkedBlockingQueue<RulesWatcher.Cycle> rounds) throws InterruptedException {
        RulesWatcher.Cycle c = rounds.poll(60, TimeUnit.SECONDS);
        assertNotNull(c, "no round within 60 s");
        return c;
    }
}
