package org.rdpdiag.authoring;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Firing;
import org.rdpdiag.engine.Status;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.RuleInfo;
import org.rdpdiag.plan.PlanStep;

/**
 * What the case library exercises: a rule no case fires, a cause no case confirms, a fix no
 * plan contains or a question no interview asks is knowledge nobody has seen work.
 *
 * @param questionsMeasured whether interviews were replayed; without them the questions are not counted
 */
public record Coverage(Part rules, Part causes, Part fixes, Part questions, boolean questionsMeasured) {

    /**
     * One kind of knowledge.
     *
     * @param total  how many there are
     * @param missed the ones no case exercised, in catalogue order (rules as {@code file:line name})
     */
    public record Part(String kind, int total, List<String> missed) {
        public double percent() {
            return total == 0 ? 100 : 100.0 * (total - missed.size()) / total;
        }
    }

    public List<Part> parts() {
        return questionsMeasured ? List.of(rules, causes, fixes, questions) : List.of(rules, causes, fixes);
    }

    static Coverage of(KnowledgeBase kb, Collection<CaseOutcome> outcomes) {
        Set<String> fired = new LinkedHashSet<>();
        Set<String> confirmed = new LinkedHashSet<>();
        Set<String> planned = new LinkedHashSet<>();
        Set<String> asked = new LinkedHashSet<>();
        boolean interviews = false;
        for (CaseOutcome o : outcomes) {
            if (o.diagnosis() != null) {
                o.diagnosis().trace().stream().map(Firing::rule).forEach(fired::add);
                o.diagnosis().causes().stream().filter(a -> a.status() == Status.CONFIRMED)
                        .map(CauseAssessment::cause).forEach(c -> confirmed.add(c.id()));
                o.diagnosis().plan().steps().stream().map(PlanStep::id).forEach(planned::add);
            }
            if (o.questions() != null) {
                interviews = true;
                asked.addAll(o.questions());
            }
        }
        List<String> rules = kb.rules().stream().filter(r -> !fired.contains(r.name()))
                .sorted(java.util.Comparator.comparing((RuleInfo r) -> String.valueOf(r.file())).thenComparingInt(RuleInfo::line))
                .map(r -> r.file() + ":" + r.line() + " " + r.name()).toList();
        List<String> causes = kb.catalog().causes().stream().map(c -> c.id()).filter(id -> !confirmed.contains(id)).toList();
        List<String> fixes = kb.catalog().fixes().stream().map(f -> f.id()).filter(id -> !planned.contains(id)).toList();
        List<String> questions = kb.catalog().questions().stream().map(q -> q.id()).filter(id -> !asked.contains(id)).toList();
        return new Coverage(new Part("rules fired", kb.rules().size(), rules),
                new Part("causes confirmed", kb.catalog().causes().size(), causes),
                new Part("fixes planned", kb.catalog().fixes().size(), fixes),
                new Part("questions asked", kb.catalog().questions().size(), questions), interviews);
    }
}
