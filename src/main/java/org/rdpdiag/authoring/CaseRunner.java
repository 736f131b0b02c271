package org.rdpdiag.authoring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.EngineException;
import org.rdpdiag.engine.Firing;
import org.rdpdiag.engine.Guarded;
import org.rdpdiag.strategy.Standing;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.interview.Replay;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.RuleInfo;
import org.rdpdiag.plan.PlanStep;

/** Diagnoses one case and holds the result against the case's expectations. Thread-safe. */
public final class CaseRunner {
    private final DiagnoseService service;
    private final KnowledgeBase kb;

    public CaseRunner(DiagnoseService service) {
        this.service = service;
        this.kb = service.knowledgeBase();
    }

    /**
     * @param replayInterview also replay the interview on the case's facts (for coverage of the
     *                        questions) even when the case expects nothing of it
     */
    public CaseOutcome run(CaseSpec c, boolean replayInterview) {
        // Every rule session of the case (the diagnosis and the interview replay) runs guarded:
        // a rule at fault fails this case alone, and one that never returns cannot hold up the run.
        try {
            return Guarded.call(() -> check(c, replayInterview));
        } catch (EngineException e) {
            return new CaseOutcome(c, null, e.location() + ": " + e.getMessage(), List.of(), List.of(), null);
        } catch (FactsException e) {
            // A tried step the knowledge base does not know: a mistake in the case's facts, at its line.
            List<CaseOutcome.Mismatch> wrong = e.problems().stream().map(p -> new CaseOutcome.Mismatch(p.line(),
                    "tried step", "the id of a fix of the knowledge base",
                    p.message() + (p.suggestion() == null ? "" : " (" + p.suggestion() + ")"))).toList();
            return new CaseOutcome(c, null, null, wrong, List.of(), null);
        }
    }

    private CaseOutcome check(CaseSpec c, boolean replayInterview) {
        Diagnosis d = service.diagnose(c.facts());
        List<CaseOutcome.Mismatch> out = new ArrayList<>();
        Set<String> causesInQuestion = new LinkedHashSet<>();
        CaseSpec.Expectations x = c.expect();
        Map<String, CauseAssessment> byId = d.causes().stream()
                .collect(Collectors.toMap(a -> a.cause().id(), Function.identity()));
        x.causes().forEach((cause, status) -> {
            CauseAssessment a = byId.get(cause);
            int line = c.line("causes." + cause);
            if (a == null) {
                out.add(new CaseOutcome.Mismatch(line, "cause " + cause, status, "no such cause in the catalogue"));
            } else if (!a.status().word().equals(status)) {
                out.add(new CaseOutcome.Mismatch(line, "cause " + cause, status, describe(a)));
                causesInQuestion.add(cause);
            }
        });
        for (int i = 0; i < x.notConfirmed().size(); i++) {
            String cause = x.notConfirmed().get(i);
            CauseAssessment a = byId.get(cause);
            if (a == null) {
                out.add(new CaseOutcome.Mismatch(c.line("notConfirmed[" + i + "]"), "cause " + cause, "not confirmed",
                        "no such cause in the catalogue"));
            } else if (a.status() == Status.CONFIRMED) {
                out.add(new CaseOutcome.Mismatch(c.line("notConfirmed[" + i + "]"), "cause " + cause, "not confirmed",
                        describe(a)));
                causesInQuestion.add(cause);
            }
        }
        if (x.noKnownCause() != null && x.noKnownCause() != d.noKnownCause()) {
            out.add(new CaseOutcome.Mismatch(c.line("noKnownCause"), "no known cause",
                    x.noKnownCause() ? "none confirmed or likely" : "a known cause confirmed or likely",
                    d.noKnownCause() ? "none confirmed or likely" : Standing.leader(d.causes()).cause().id() + " ("
                            + describe(Standing.leader(d.causes())) + ")"));
        }
        if (x.setAside() != null) {
            Set<String> expected = new java.util.TreeSet<>(x.setAside());
            Set<String> actual = new java.util.TreeSet<>();
            d.setAside().forEach(r -> actual.add(r.path()));
            if (!expected.equals(actual)) {
                out.add(new CaseOutcome.Mismatch(c.line("setAside"), "readings set aside as stale",
                        expected.isEmpty() ? "none" : String.join(", ", expected),
                        actual.isEmpty() ? "none" : String.join(", ", actual)));
            }
        }
        if (x.topCause() != null) {
            CauseAssessment lead = Standing.leader(d.causes());
            if (!Standing.leads(x.topCause(), d.causes())) {
                out.add(new CaseOutcome.Mismatch(c.line("topCause"), "top cause", x.topCause(),
                        lead.cause().id() + " (" + describe(lead) + ")"));
                causesInQuestion.add(x.topCause());
                causesInQuestion.add(lead.cause().id());
            }
        }
        checkPlan(c, d, out);
        List<String> asked = null;
        if (x.needsInterview() || replayInterview) {
            Replay.Transcript t = Replay.run(service, HostFacts.unknown(c.facts().vocabulary(), c.facts().id()), c.facts());
            asked = t.steps().stream().map(Replay.Step::questionId).toList();
            if (x.maxQuestions() != null && asked.size() > x.maxQuestions()) {
                out.add(new CaseOutcome.Mismatch(c.line("interview.maxQuestions"), "interview questions",
                        "at most " + x.maxQuestions(), asked.size() + ": " + String.join(", ", asked)));
            }
            if (x.interviewTop() != null && !Standing.leads(x.interviewTop(), t.diagnosis().causes())) {
                out.add(new CaseOutcome.Mismatch(c.line("interview.topCause"), "interview top cause", x.interviewTop(),
                        Standing.leader(t.diagnosis().causes()).cause().id() + " after " + asked.size() + " questions"));
            }
        }
        List<Firing> trace = d.trace().stream().filter(f -> kb.rule(f.rule()).map(RuleInfo::cause)
                .filter(causesInQuestion::contains).isPresent()).toList();
        return new CaseOutcome(c, d, null, List.copyOf(out), trace, asked);
    }

    private static void checkPlan(CaseSpec c, Diagnosis d, List<CaseOutcome.Mismatch> out) {
        CaseSpec.Expectations x = c.expect();
        List<String> ids = d.plan().steps().stream().map(PlanStep::id).toList();
        List<String> start = x.planStartsWith();
        if (!start.isEmpty()) {
            List<String> actual = ids.subList(0, Math.min(ids.size(), start.size()));
            if (!actual.equals(start)) {
                out.add(new CaseOutcome.Mismatch(c.line("plan.startsWith[0]"), "first plan steps", String.join(", ", start),
                        String.join(", ", actual)));
            }
        }
        for (int i = 0; i < x.planIncludes().size(); i++) {
            String id = x.planIncludes().get(i);
            if (!ids.contains(id)) {
                out.add(new CaseOutcome.Mismatch(c.line("plan.includes[" + i + "]"), "plan step " + id, "in the plan",
                        "missing; the plan is " + String.join(", ", ids)));
            }
        }
        for (int i = 0; i < x.planExcludes().size(); i++) {
            String id = x.planExcludes().get(i);
            if (ids.contains(id)) {
                out.add(new CaseOutcome.Mismatch(c.line("plan.excludes[" + i + "]"), "plan step " + id, "not in the plan",
                        "step " + (ids.indexOf(id) + 1)));
            }
        }
        for (int i = 0; i < x.planOrder().size(); i++) {
            CaseSpec.Order o = x.planOrder().get(i);
            int a = ids.indexOf(o.first());
            int b = ids.indexOf(o.then());
            if (a < 0 || b < 0 || a > b) {
                String actual = a < 0 || b < 0
                        ? (a < 0 ? o.first() : o.then()) + " is not in the plan (" + String.join(", ", ids) + ")"
                        : o.first() + " is step " + (a + 1) + ", " + o.then() + " is step " + (b + 1);
                out.add(new CaseOutcome.Mismatch(c.line("plan.order[" + i + "]"), "plan order",
                        o.first() + " before " + o.then(), actual));
            }
        }
    }

    private static String describe(CauseAssessment a) {
        return a.status().word() + String.format(java.util.Locale.ROOT, ", confidence %.2f", a.confidence())
                + (a.reason() == null || a.reason().isBlank() ? "" : ": " + a.reason());
    }
}
