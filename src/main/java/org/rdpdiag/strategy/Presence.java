package org.rdpdiag.strategy;

import java.util.List;
import java.util.Map;
import org.rdpdiag.engine.Certainty;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.Weight;

/** A cause's presence from the rules that spoke about it, as the assessment combines them. */
final class Presence {
    private Presence() {}

    /** A cause's presence from the rules that spoke about it, as the assessment combines them. */
    static double of(Cause cause, Map<String, Weight> evidence) {
        return of(cause, evidence, List.of());
    }

    /**
     * A cause's presence from the rules that spoke about it once some conclusions are added or
     * withdrawn ({@code changes} only adds rules not in {@code evidence} and withdraws rules in it).
     * Without copying the evidence: every answer of every observation of every host comes here.
     */
    static double of(Cause cause, Map<String, Weight> evidence, List<AnswerEffects.Delta> changes) {
        int size = evidence.size() + changes.size();
        String[] rules = new String[size];
        Weight[] weights = new Weight[size];
        int n = 0;
        for (var e : evidence.entrySet()) {
            if (!withdrawn(e.getKey(), changes)) {
                rules[n] = e.getKey();
                weights[n++] = e.getValue();
            }
        }
        for (AnswerEffects.Delta d : changes) {
            if (d.added()) {
                rules[n] = d.rule();
                weights[n++] = d.weight();
            }
        }
        // The assessment combines the strongest first, then by rule name; so does this. The rules
        // are distinct, so the order is total and any sort gives the same one: insertion, as they are few.
        for (int i = 1; i < n; i++) {
            String rule = rules[i];
            Weight w = weights[i];
            int j = i - 1;
            while (j >= 0 && strongerFirst(rule, w, rules[j], weights[j]) < 0) {
                rules[j + 1] = rules[j];
                weights[j + 1] = weights[j];
                j--;
            }
            rules[j + 1] = rule;
            weights[j + 1] = w;
        }
        boolean confirms = false;
        boolean rulesOut = false;
        double cf = 0;
        for (int i = 0; i < n; i++) {
            Weight w = weights[i];
            confirms |= w == Weight.CONFIRMS;
            rulesOut |= w == Weight.RULES_OUT;
            cf = Certainty.combine(cf, w.certainty());
        }
        return Certainty.presence(cause, confirms, rulesOut, cf);
    }

    private static int strongerFirst(String ruleA, Weight a, String ruleB, Weight b) {
        int c = Double.compare(-Math.abs(a.certainty()), -Math.abs(b.certainty()));
        return c != 0 ? c : ruleA.compareTo(ruleB);
    }

    private static boolean withdrawn(String rule, List<AnswerEffects.Delta> changes) {
        for (AnswerEffects.Delta d : changes) {
            if (!d.added() && d.rule().equals(rule)) {
                return true;
            }
        }
        return false;
    }
}
