package org.rdpdiag.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.facts.FactField;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Tried;
import org.rdpdiag.facts.TriedOutcome;
import org.rdpdiag.interview.Candidate;
import org.rdpdiag.interview.Interview;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.Question;
import org.rdpdiag.strategy.Options;

/**
 * One consultation as the client holds it: the facts it started from, the answers given so far
 * in order, and the fixes tried since that did not help. Nothing of it is kept on the server:
 * every request brings it whole (in the page's address, or in the API's body) and the interview
 * is replayed from it, which takes a few diagnoses' time.
 *
 * @param factsText the facts document the consultation started from, or null for none
 * @param id        the host's name when no facts document gives one
 */
record Consultation(String factsText, String id, List<Given> answers, List<String> tried) {
    /** One answer: the question and the value given (null: unknown). */
    record Given(Question question, Object value) {}

    /** The longest host name a page accepts; facts documents have their own limits. */
    static final int MAX_ID = 200;

    Consultation {
        answers = List.copyOf(answers);
        tried = List.copyOf(tried);
    }

    /** The facts the consultation started from, with the fixes tried since. */
    HostFacts start(DiagnoseService service) {
        KnowledgeBase kb = service.knowledgeBase();
        HostFacts start = factsText == null ? HostFacts.unknown(kb.vocabulary(), id == null || id.isBlank() ? "interview" : id)
                : FactsReader.read(factsText, "facts", null, kb.vocabulary());
        if (!tried.isEmpty()) {
            start = start.withTried(Tried.merge(start.tried(),
                    tried.stream().map(s -> new Tried(s, TriedOutcome.STILL_FAILS)).toList()));
        }
        service.checkTried(start);
        return start;
    }

    /** The interview with every answer given again, in order. */
    Interview replay(DiagnoseService service) {
        Interview interview = new Interview(service, start(service));
        answers.forEach(g -> interview.answer(g.question(), g.value()));
        return interview;
    }

    Diagnosis diagnose(DiagnoseService service) {
        return answers.isEmpty() ? service.diagnose(start(service)) : replay(service).diagnosis();
    }

    Consultation withAnswer(Given g) {
        List<Given> more = new ArrayList<>(answers);
        more.add(g);
        return new Consultation(factsText, id, more, tried);
    }

    /** Without the last answer: what "back" shows. */
    Consultation back() {
        return answers.isEmpty() ? this : new Consultation(factsText, id, answers.subList(0, answers.size() - 1), tried);
    }

    /** With a fix recorded as tried and still failing: the consultation goes on from there. */
    Consultation withTried(String step) {
        List<String> more = new ArrayList<>(tried);
        more.remove(step);
        more.add(step);
        return new Consultation(factsText, id, answers, more);
    }

    /** A question with what is needed to ask it and to read its answers. */
    static Candidate candidate(KnowledgeBase kb, Question q) {
        FactField field = kb.vocabulary().field(q.fact()).orElseThrow();
        return new Candidate(q, field, Options.offered(q, field),
                q.check() == null ? null : kb.catalog().check(q.check()).orElse(null), null);
    }

    /**
     * An answer written as {@link AnswerValues} writes it.
     *
     * @throws IllegalArgumentException naming the question or what its value should be
     */
    static Given given(KnowledgeBase kb, String questionId, String written) {
        Question q = kb.catalog().question(questionId)
                .orElseThrow(() -> new IllegalArgumentException("no question '" + questionId + "'"));
        if (written == null || written.strip().equals(AnswerValues.UNKNOWN) || written.strip().equalsIgnoreCase("unknown")) {
            return new Given(q, null);
        }
        Candidate c = candidate(kb, q);
        try {
            return new Given(q, AnswerValues.read(written, c.field(), c.options()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(questionId + ": " + e.getMessage());
        }
    }

    // --- in a page's address -------------------------------------------------------------

    /**
     * Reads the consultation from a page's query: {@code f} the facts document (base64url),
     * {@code id} the host's name, {@code a} the answers ({@code question:value}), {@code t} the
     * fixes tried.
     */
    static Consultation fromQuery(KnowledgeBase kb, Map<String, List<String>> query) {
        String facts = null;
        List<String> f = query.get("f");
        if (f != null && !f.isEmpty() && !f.get(0).isEmpty()) {
            try {
                facts = new String(Base64.getUrlDecoder().decode(f.get(0)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw HttpFailure.badRequest("the facts in this address are damaged (f is not base64url)");
            }
        }
        List<String> ids = query.getOrDefault("id", List.of());
        String id = ids.isEmpty() ? null : ids.get(0).strip();
        if (id != null && id.length() > MAX_ID) {
            throw HttpFailure.badRequest("the host name is longer than " + MAX_ID + " characters");
        }
        List<Given> answers = new ArrayList<>();
        for (String a : query.getOrDefault("a", List.of())) {
            int colon = a.indexOf(':');
            if (colon <= 0) {
                throw HttpFailure.badRequest("an answer in this address is not question:value");
            }
            try {
                answers.add(given(kb, a.substring(0, colon), a.substring(colon + 1)));
            } catch (IllegalArgumentException e) {
                throw HttpFailure.badRequest(e.getMessage());
            }
        }
        List<String> tried = new ArrayList<>();
        for (String t : query.getOrDefault("t", List.of())) {
            if (kb.catalog().fix(t).isEmpty()) {
                throw HttpFailure.badRequest("no fix '" + t + "' to record as tried");
            }
            tried.add(t);
        }
        return new Consultation(facts, facts == null ? id : null, answers, tried);
    }

    /** The query that {@link #fromQuery} reads back. */
    String query() {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (factsText != null) {
            q.put("f", List.of(Base64.getUrlEncoder().withoutPadding().encodeToString(factsText.getBytes(StandardCharsets.UTF_8))));
        }
        if (id != null && !id.isBlank()) {
            q.put("id", List.of(id));
        }
        q.put("a", answers.stream().map(g -> g.question().id() + ":" + AnswerValues.write(g.value())).toList());
        q.put("t", tried);
        StringBuilder out = new StringBuilder();
        q.forEach((name, values) -> values.forEach(v -> out.append(out.length() == 0 ? "" : "&").append(name).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return out.toString();
    }
}
