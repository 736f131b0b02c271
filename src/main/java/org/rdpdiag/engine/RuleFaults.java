package org.rdpdiag.engine;

import java.util.Optional;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.RuleInfo;

/** Turns what went wrong in a rule session into an {@link EngineException} naming the rule at {@code file:line}. */
final class RuleFaults {
    private final KnowledgeBase kb;

    RuleFaults(KnowledgeBase kb) {
        this.kb = kb;
    }

    EngineException looping(String rule) {
        return fault(rule, "kept re-activating itself: stopped after " + Engine.FIRING_LIMIT + " firings. A rule "
                + "that changes what its own conditions read loops; the consequence must be conclude(drools);", null);
    }

    /** A consequence or a condition threw; {@code rule} may be null when Drools did not say which. */
    EngineException failed(String rule, boolean inConsequence, RuntimeException e) {
        Throwable root = e.getCause() == null ? e : e.getCause();
        String name = rule;
        for (Throwable t = e; name == null && t != null; t = t.getCause() == t ? null : t.getCause()) {
            name = inStack(t.getStackTrace()).orElse(null);
        }
        return fault(name, (inConsequence ? "failed in its consequence: " : "failed while its conditions were evaluated: ")
                + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage().strip()), e);
    }

    /**
     * The session ran out of time. The rule is taken from where the thread was when the budget
     * ran out, else from what the recorder saw last ({@code lastRule}, may be null).
     */
    EngineException overBudget(StackTraceElement[] stack, String lastRule, long budgetMillis) {
        Optional<String> inside = inStack(stack);
        String what = inside.isPresent() ? (onConsequence(stack) ? "was still running its consequence"
                : "was still being evaluated") : "was the last to fire";
        String rule = inside.orElse(lastRule);
        return fault(rule, what + " when the diagnosis ran out of its time budget of " + budgetMillis + " ms. "
                + "A rule must not loop or wait; keep conditions to plain comparisons and the consequence to "
                + "conclude(drools);", null);
    }

    private EngineException fault(String rule, String what, Throwable cause) {
        Optional<RuleInfo> info = rule == null ? Optional.empty() : kb.rule(rule);
        String file = info.map(RuleInfo::file).orElse("rules");
        int line = info.map(RuleInfo::line).orElse(0);
        // Callers print the location before the message, as for every other located error.
        String subject = rule == null ? "a rule" : "rule \"" + rule + "\"";
        return new EngineException(rule, file, line, subject + " " + what, cause);
    }

    private static boolean onConsequence(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            if (f.getClassName().contains("ConsequenceInvoker")) {
                return true;
            }
            if (f.getClassName().startsWith("org.drools.")) {
                return false;
            }
        }
        return false;
    }

    /**
     * The rule whose generated code is on a stack. Drools compiles each rule's evaluations and
     * consequence into classes named {@code Rule_<name>} plus a number, in the rule's package,
     * with the characters a Java name cannot hold spelled {@code $uNN$}.
     */
    Optional<String> inStack(StackTraceElement[] stack) {
        for (StackTraceElement f : stack) {
            String cls = f.getClassName();
            int dot = cls.lastIndexOf('.');
            String simple = cls.substring(dot + 1);
            if (dot < 0 || !simple.startsWith("Rule_")) {
                continue;
            }
            String pkg = cls.substring(0, dot);
            String best = null;
            int bestLength = -1;
            for (KiePackage p : kb.kieBase().getKiePackages()) {
                if (!p.getName().equals(pkg)) {
                    continue;
                }
                for (Rule r : p.getRules()) {
                    String legal = "Rule_" + legalName(r.getName());
                    if (simple.startsWith(legal) && legal.length() > bestLength && simple.length() > legal.length()
                            && (Character.isDigit(simple.charAt(legal.length())) || simple.charAt(legal.length()) == '-')) {
                        best = r.getName();
                        bestLength = legal.length();
                    }
                }
            }
            if (best != null) {
                return Optional.of(best);
            }
        }
        return Optional.empty();
    }

    private static String legalName(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.replace(' ', '_').toCharArray()) {
            if (Character.isJavaIdentifierPart(c)) {
                sb.append(c);
            } else {
                sb.append("$u").append((int) c).append('$');
            }
        }
        return sb.toString();
    }
}
