package org.rdpdiag.interview;

import java.util.ArrayList;
import java.util.List;
import org.rdpdiag.strategy.Option;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.facts.HostFacts;

/**
 * An interview answered by a facts file instead of a person: every question gets the file's
 * value for its fact, or "unknown" when the file does not have it. Used by {@code ask --answers},
 * by the tests and by the efficiency benchmark.
 */
public final class Replay {
    /** One question asked and the answer given (null: unknown). */
    public record Step(int number, String questionId, String fact, String prompt, Object answer, String label) {}

    /** What a replay produced. */
    public record Transcript(List<Step> steps, String endReason, Diagnosis diagnosis, HostFacts facts,
            org.rdpdiag.strategy.Action firstStep) {}

    private Replay() {}

    public static Transcript run(DiagnoseService service, HostFacts start, HostFacts answers) {
        // Answered as the file stands now: stale readings set aside, the dialog's message recognised.
        HostFacts given = service.current(answers).facts();
        Interview interview = new Interview(service, start);
        List<Step> steps = new ArrayList<>();
        int limit = service.knowledgeBase().catalog().questions().size();
        while (true) {
            Interview.Selection s = interview.next();
            if (s.finished() || steps.size() >= limit) {
                String reason = s.finished() ? s.endReason() : "every question has been asked";
                return new Transcript(List.copyOf(steps), reason, s.report() != null ? s.report() : interview.diagnosis(),
                        interview.facts(), s.firstStep());
            }
            Candidate c = s.question();
            Object value = given.value(c.question().fact());
            interview.answer(c.question(), value);
            steps.add(new Step(steps.size() + 1, c.question().id(), c.question().fact(), c.question().prompt(), value,
                    label(c, value)));
        }
    }

    /** The words of the offered option for a value, or the value itself. */
    static String label(Candidate c, Object value) {
        if (value == null) {
            return "unknown";
        }
        if ("code".equals(c.field().kind()) && value instanceof Integer code) {
            return "0x" + Integer.toHexString(code).toUpperCase(java.util.Locale.ROOT) + " (" + code + ")";
        }
        return c.options().stream().filter(o -> o.value().equals(value)).map(Option::label).findFirst()
                .orElse(String.valueOf(value));
    }
}
