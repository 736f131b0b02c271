package org.rdpdiag.interview;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Engine;
import org.rdpdiag.facts.FactField;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.Question;
import org.rdpdiag.strategy.Action;
import org.rdpdiag.strategy.Options;
import org.rdpdiag.strategy.Strategy;

/**
 * One consultation. Answers are kept as an ordered list on top of the facts it started from;
 * every view (ranking, next question, report) is recomputed from them, so taking an answer back
 * withdraws everything that was concluded from it, exactly as the rule engine's truth
 * maintenance does within a session. Not thread-safe: one interview per person.
 *
 * <p>What the user simply knows (the codes in the dialog) is asked first. After that the
 * interview asks what the {@link Strategy} chooses: the observation whose expected saving in
 * cost of repair, per minute of finding it out, is highest, as long as it saves more than it
 * costs. It ends when trying the first fix of the plan is cheaper in expectation than asking on:
 * the same first choice the plan makes on the same facts.
 */
public final class Interview {
    private final KnowledgeBase kb;
    private final DiagnoseService service;
    private final Strategy strategy;
    private final Engine engine;
    private final String id;
    private final Map<String, Object> given;
    private final HostFacts start;
    private final List<Answer> answers = new ArrayList<>();
    /** Per place, how many observations the starting facts record as answered unknown: they never change. */
    private final Map<String, Integer> unknownAtStart = new HashMap<>();

    public Interview(DiagnoseService service, HostFacts start) {
        this.service = service;
        this.kb = service.knowledgeBase();
        this.strategy = service.strategy();
        this.engine = new Engine(kb);
        this.start = start;
        this.id = start.id() == null ? "interview" : start.id();
        this.given = FactValues.of(start);
        Set<String> counted = new java.util.HashSet<>();
        for (Question q : kb.catalog().questions()) {
            // The first question that asks for each such observation says where it is found.
            if (start.answeredUnknown().contains(q.fact()) && counted.add(q.fact())) {
                unknownAtStart.merge(placeOf(q), 1, Integer::sum);
            }
        }
    }

    /** What is known now: the starting facts plus every answer that was not "unknown". */
    public Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>(given);
        answers.stream().filter(a -> !a.unknown()).forEach(a -> v.put(a.fact(), a.value()));
        return v;
    }

    /** What is known now, with the observations asked for that nobody could tell, earlier ones first. */
    public HostFacts facts() {
        Map<String, Object> values = values();
        Set<String> unknown = new LinkedHashSet<>();
        start.answeredUnknown().forEach(unknown::add);
        answers.stream().filter(Answer::unknown).forEach(a -> unknown.add(a.fact()));
        unknown.removeIf(values::containsKey);
        HostFacts facts = FactValues.toFacts(start.vocabulary(), id, values, start.tried()).withAnsweredUnknown(unknown);
        if (start.rechecked() == null) {
            return facts;
        }
        // Where the facts say when readings were made, every answer given now is read after the last change.
        Set<String> rechecked = new LinkedHashSet<>(start.rechecked());
        answers.stream().filter(a -> !a.unknown()).forEach(a -> rechecked.add(a.fact()));
        return facts.withRechecked(rechecked);
    }

    /** What is known now, as the diagnosis takes it: without the readings a later change made stale. */
    private HostFacts current() {
        return service.current(facts()).facts();
    }

    public List<Answer> answers() {
        return List.copyOf(answers);
    }

    public Diagnosis diagnosis() {
        return service.diagnose(facts());
    }

    public List<CauseAssessment> ranking() {
        return engine.run(current()).causes();
    }

    public void answer(Question q, Object valueOrNull) {
        answers.add(new Answer(q.id(), q.fact(), valueOrNull));
    }

    /** Takes the last answer back; everything concluded from it goes with it. */
    public Optional<Answer> back() {
        return answers.isEmpty() ? Optional.empty() : Optional.of(answers.remove(answers.size() - 1));
    }

    /** The situation the strategy decides from: the facts now, what was asked and how it went. */
    public Strategy.Situation situation() {
        HostFacts facts = current();
        Set<String> asked = asked();
        return new Strategy.Situation(facts, engine.run(facts).causes(), Strategy.Situation.failedSteps(facts),
                Strategy.Situation.triedSteps(facts), asked, answeredByPlace());
    }

    /** The next question, or the reason the interview is over and the step to try. */
    public Selection next() {
        Map<String, Object> values = values();
        Set<String> asked = asked();
        for (Question q : kb.catalog().questions()) {
            if (q.askFirst() && !values.containsKey(q.fact()) && !asked.contains(q.fact())) {
                List<CauseAssessment> ranking = engine.run(current()).causes();
                return new Selection(candidate(q, null), ranking);
            }
        }
        Strategy.Situation situation = situation();
        Action action = strategy.next(situation);
        if (action instanceof Action.Observe o) {
            return new Selection(candidate(o.question(), o), situation.ranking());
        }
        Diagnosis report = diagnosis();
        int step = action instanceof Action.Repair r ? planStepOf(report, r.fix().id()) : 0;
        String reason;
        if (!(action instanceof Action.Repair r)) {
            reason = "no question left is worth its cost, and no fix is worth trying before handing the case on";
        } else if (step <= 1) {
            reason = "trying step 1 of the plan, " + r.fix().id() + " (" + Math.round(r.chance() * 100)
                    + "% chance that it ends the failure), is cheaper in expectation than asking on";
        } else {
            // The plan expects an answer wherever a check can be run; the interview has learnt where
            // nobody could tell. The checks it lists first are the ones worth running all the same.
            reason = "no question is worth asking on where the answers so far were unknown; the plan's checks "
                    + "come first, then step " + step + ", " + r.fix().id() + " (" + Math.round(r.chance() * 100)
                    + "% chance that it ends the failure)";
        }
        return new Selection(null, reason, action, situation.ranking(), report);
    }

    /** The number of the plan step that carries out {@code fix}, or 0 when the plan does not list it. */
    static int planStepOf(Diagnosis report, String fix) {
        return report.plan().steps().stream().filter(s -> s.kind() == org.rdpdiag.plan.StepKind.FIX && s.id().equals(fix))
                .mapToInt(org.rdpdiag.plan.PlanStep::step).findFirst().orElse(0);
    }

    private Candidate candidate(Question q, Action.Observe value) {
        FactField field = kb.vocabulary().field(q.fact()).orElseThrow();
        Check check = q.check() == null ? null : kb.catalog().check(q.check()).orElse(null);
        return new Candidate(q, field, Options.offered(q, field), check, value);
    }

    /**
     * The observations asked for: in this interview, and before it, as far as the starting facts
     * record that nobody could tell. None is asked again.
     */
    private Set<String> asked() {
        Set<String> asked = new LinkedHashSet<>(start.answeredUnknown());
        answers.forEach(a -> asked.add(a.fact()));
        return asked;
    }

    /**
     * Per place: answers given and answers that were "unknown", counting those the starting facts
     * record as unknown: a consultation that goes on remembers where nobody could tell.
     */
    private Map<String, int[]> answeredByPlace() {
        Map<String, int[]> out = new HashMap<>();
        unknownAtStart.forEach((place, n) -> out.put(place, new int[] {0, n}));
        for (Answer a : answers) {
            kb.catalog().question(a.questionId()).ifPresent(q -> out.computeIfAbsent(placeOf(q), k -> new int[2])[a.unknown() ? 1 : 0]++);
        }
        return out;
    }

    private String placeOf(Question q) {
        return q.check() == null ? "client" : kb.catalog().check(q.check()).map(k -> k.runsOn().word()).orElse("client");
    }

    /**
     * The interview's state after a call to {@link #next()}.
     *
     * @param question  the question to ask, or null when the interview is over
     * @param endReason why it is over, or null
     * @param firstStep when it is over: the step to try now (a fix, or handing the case on)
     * @param ranking   the causes as they stand
     * @param report    when it is over: the diagnosis of what is known, with its plan; else null
     */
    public record Selection(Candidate question, String endReason, Action firstStep, List<CauseAssessment> ranking,
            Diagnosis report) {
        Selection(Candidate question, List<CauseAssessment> ranking) {
            this(question, null, null, ranking, null);
        }

        public boolean finished() {
            return question == null;
        }

        /** When it is over with a fix to try: that fix's step number in the report's plan; else 0. */
        public int planStep() {
            return firstStep instanceof Action.Repair r && report != null ? planStepOf(report, r.fix().id()) : 0;
        }
    }
}
