package org.rdpdiag.knowledge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rdpdiag.support.TestKnowledge;

/**
 * The commands the plan prints are pasted by people on shared hosts: no block may restart a
 * host without warning its users, a decision that belongs to the owner is never a fix, and every
 * step that lowers security says so, warns and can be undone.
 */
class CatalogSafetyTest {
    private static final Pattern SHUTDOWN_DELAY = Pattern.compile("(?i)\\bshutdown\\b.*?/t\\s+(\\d+)");

    /** Every command block of the catalogue: fixes, their rollbacks, checks. */
    private static List<String[]> blocks() {
        Catalog c = TestKnowledge.kb().catalog();
        List<String[]> out = new ArrayList<>();
        for (Fix f : c.fixes()) {
            f.commands().forEach(cmd -> out.add(new String[] {f.id(), cmd}));
            if (f.rollback() != null) {
                f.rollback().commands().forEach(cmd -> out.add(new String[] {f.id() + " (rollback)", cmd}));
            }
        }
        for (Check k : c.checks()) {
            k.commands().forEach(cmd -> out.add(new String[] {k.id(), cmd}));
        }
        return out;
    }

    @Test
    void noCommandRestartsAHostWithoutWarningItsUsers() {
        List<String[]> blocks = blocks();
        assertTrue(blocks.size() > 100, "the catalogue's commands were read");
        int restarts = 0;
        for (String[] b : blocks) {
            String cmd = b[1];
            String lower = cmd.toLowerCase(Locale.ROOT);
            assertFalse(lower.contains("restart-computer"), b[0] + ": " + cmd);
            assertFalse(lower.matches(".*-restart\\b.*"), b[0] + ": a -Restart switch restarts at once: " + cmd);
            if (lower.matches(".*\\bshutdown\\b.*/r\\b.*")) {
                restarts++;
                Matcher m = SHUTDOWN_DELAY.matcher(cmd);
                assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 300, b[0] + ": at least five minutes' notice: " + cmd);
                assertTrue(lower.contains("/c "), b[0] + ": the users are told why: " + cmd);
            }
        }
        assertTrue(restarts > 0, "the restarts were found and checked");
    }

    @Test
    void removingARoleIsTheOwnersDecisionNeverAFix() {
        for (Fix f : TestKnowledge.kb().catalog().fixes()) {
            if (!"fix".equals(f.kind())) {
                continue;
            }
            for (String cmd : f.commands()) {
                assertFalse(cmd.matches("(?i).*\\b(Uninstall|Remove)-WindowsFeature\\b.*"), f.id() + ": " + cmd);
            }
        }
        Fix ask = TestKnowledge.kb().catalog().fix("ask-owner-about-rdsh-role").orElseThrow();
        assertTrue("escalate".equals(ask.kind()), "the role question is escalation advice");
    }

    @Test
    void everyStepThatLowersSecurityWarnsAndCanBeUndone() {
        int lowering = 0;
        for (Fix f : TestKnowledge.kb().catalog().fixes()) {
            if (f.reducesSecurity()) {
                lowering++;
                assertNotNull(f.warning(), f.id() + " needs a warning");
                assertFalse(f.warning().isBlank(), f.id() + " needs a warning");
                assertNotNull(f.rollback(), f.id() + " needs a rollback");
            }
        }
        assertTrue(TestKnowledge.kb().catalog().fix("reset-cipher-suite-order-policy").orElseThrow().reducesSecurity(),
                "removing a custom cipher-suite order can bring back suites a baseline banned");
        assertTrue(lowering >= 8, "lowering steps found: " + lowering);
    }
}
