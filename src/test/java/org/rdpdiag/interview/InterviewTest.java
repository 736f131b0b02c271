package org.rdpdiag.interview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.support.Examples;

/** The interview's choices, replays and the answers it accepts, on the real knowledge base. */
class InterviewTest {

    private static HostFacts example(String name) {
        return FactsReader.read(Path.of("facts/examples", name + ".yaml"));
    }

    private static List<String> sequence(String name) {
        HostFacts full = example(name);
        return Replay.run(Examples.service(), HostFacts.unknown(full.id()), full).steps().stream()
                .map(Replay.Step::questionId).toList();
    }

    private static CauseAssessment cause(List<CauseAssessment> ranking, String id) {
        return ranking.stream().filter(a -> a.cause().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theCodesAreAskedFirstThenTheMostInformativeQuestion() {
        List<String> expired = sequence("expired-self-signed-cert");
        assertEquals(List.of("error-main-code", "error-extended-code"), expired.subList(0, 2));
        assertTrue(expired.contains("host-certificate-state"), expired.toString());
        assertTrue(expired.size() <= 6, "an expired certificate settles the diagnosis quickly: " + expired);
    }

    @Test
    void replaySequencesAreStable() {
        // The certificate state is unknown in this file; after that unanswered host question the
        // user-side timing question comes before the next host question.
        assertEquals(List.of("error-main-code", "error-extended-code", "host-recent-update", "host-certificate-state",
                "error-timing", "host-term-service"), sequence("termservice-stopped").subList(0, 6));
        // Here the recent-update question goes unanswered, so the user-side timing comes next; its
        // answer (after the credentials) makes TLS worth a look before the certificate settles it.
        assertEquals(List.of("error-main-code", "error-extended-code", "host-recent-update", "error-timing",
                "host-tls12-server", "host-certificate-state"), sequence("expired-self-signed-cert"));
    }

    @Test
    void aConfirmedLeaderThatExplainsTheErrorWellEndsTheInterviewAtOnce() {
        // TLS 1.2 off is confirmed by the fifth answer and nothing likely could overtake it.
        assertEquals(List.of("error-main-code", "error-extended-code", "host-recent-update", "error-timing",
                "host-tls12-server"), sequence("two-causes-hardening-script"));
    }

    @Test
    void theListenerIsCheckedBeforeThePolicyThatKeepsItDown() {
        // Service and listener state (common causes) come before the policy that turns out to be it.
        assertEquals(List.of("error-main-code", "error-extended-code", "host-recent-update", "host-certificate-state",
                "error-timing", "host-term-service", "host-listener-state", "host-remote-desktop-policy"),
                sequence("rdp-disabled-by-policy"));
    }

    @Test
    void theInterviewReachesTheFullFactsTopCause() {
        for (String name : List.of("termservice-stopped", "credssp-unpatched-client", "cipher-suite-order", "udp-drops-in-session")) {
            HostFacts full = example(name);
            Replay.Transcript t = Replay.run(Examples.service(), HostFacts.unknown(full.id()), full);
            assertEquals(Examples.diagnose(full).causes().get(0).cause().id(), t.diagnosis().causes().get(0).cause().id(), name);
        }
    }

    @Test
    void aFollowUpWaitsForTheAnswerThatMakesItMeaningful() {
        Interview iv = new Interview(Examples.service(), FactValues.toFacts("x", Map.of("error.mainCode", 2308,
                "error.extendedCode", 7)));
        assertFalse(askable(iv, "host-connection-limit"), "RDS questions wait for the RDS role");
        iv.answer(Examples.service().knowledgeBase().catalog().question("host-rds-session-host").orElseThrow(), true);
        assertTrue(askable(iv, "host-connection-limit"));
    }

    private static boolean askable(Interview iv, String question) {
        return iv.next().candidates().stream().anyMatch(c -> c.question().id().equals(question))
                || iv.next().question() != null && iv.next().question().question().id().equals(question);
    }

    @Test
    void backWithdrawsEverythingConcludedFromTheAnswer() {
        Interview iv = new Interview(Examples.service(), HostFacts.unknown("x"));
        var q = Examples.service().knowledgeBase().catalog().question("host-certificate-state").orElseThrow();
        iv.answer(q, "expired");
        assertEquals(Status.CONFIRMED, cause(iv.ranking(), "rdp-certificate-invalid").status());
        Answer undone = iv.back().orElseThrow();
        assertEquals("expired", undone.value());
        assertEquals(Status.POSSIBLE, cause(iv.ranking(), "rdp-certificate-invalid").status());
        assertTrue(iv.values().isEmpty());
    }

    @Test
    void anUnknownAnswerIsNotAskedAgainAndRecordsNothing() {
        Interview iv = new Interview(Examples.service(), HostFacts.unknown("x"));
        var first = iv.next().question().question();
        iv.answer(first, null);
        assertFalse(iv.values().containsKey(first.fact()));
        assertTrue(iv.next().candidates().stream().noneMatch(c -> c.question().id().equals(first.id())));
    }

    @Test
    void knownFactsAreNeverAsked() {
        HostFacts start = FactValues.toFacts("x", Map.of("error.mainCode", 2308, "error.extendedCode", 7,
                "host.certificateState", "valid"));
        Interview iv = new Interview(Examples.service(), start);
        Interview.Selection s = iv.next();
        assertTrue(s.candidates().stream().noneMatch(c -> c.question().fact().equals("host.certificateState")
                || c.question().fact().startsWith("error.mainCode")));
    }

    @Test
    void whyShowsHowEachAnswerWouldMoveTheCauses() {
        HostFacts start = FactValues.toFacts("x", Map.of("error.mainCode", 2308, "error.extendedCode", 7));
        Interview iv = new Interview(Examples.service(), start);
        Candidate c = iv.next().candidates().stream().filter(x -> x.question().fact().equals("host.tls12ServerEnabled"))
                .findFirst().orElseThrow();
        Outcome off = c.outcomes().stream().filter(o -> Boolean.FALSE.equals(o.answer().value())).findFirst().orElseThrow();
        assertTrue(off.moves().stream().anyMatch(m -> m.cause().equals("tls12-disabled") && m.toStatus() == Status.CONFIRMED),
                off.moves().toString());
        double total = c.outcomes().stream().mapToDouble(Outcome::probability).sum();
        assertEquals(1.0, total, 1e-9, "answer odds form a distribution");
        assertTrue(c.value() > 0);
    }

    @Test
    void answerOddsFollowTheBeliefs() {
        // A rare cause: the answer that would confirm it must be the unlikely one.
        HostFacts start = FactValues.toFacts("x", Map.of("error.mainCode", 2308, "error.extendedCode", 7));
        Interview iv = new Interview(Examples.service(), start);
        Candidate setup = iv.next().candidates().stream().filter(x -> x.question().fact().equals("host.setupInProgress"))
                .findFirst().orElseThrow();
        double yes = setup.outcomes().stream().filter(o -> Boolean.TRUE.equals(o.answer().value())).findFirst().orElseThrow().probability();
        assertTrue(yes < 0.2, "a Sysprep flag left set is rare: " + yes);
    }

    @Test
    void unansweredQuestionsAtAPlaceDiscountTheOthersThere() {
        HostFacts start = FactValues.toFacts("x", Map.of("error.mainCode", 2308, "error.extendedCode", 7));
        Interview fresh = new Interview(Examples.service(), start);
        Interview noHostAccess = new Interview(Examples.service(), start);
        var catalog = Examples.service().knowledgeBase().catalog();
        for (String hostQuestion : List.of("host-recent-update", "host-setup-in-progress", "host-term-service")) {
            noHostAccess.answer(catalog.question(hostQuestion).orElseThrow(), null);
        }
        double before = valueOf(fresh, "host-certificate-state");
        double after = valueOf(noHostAccess, "host-certificate-state");
        // Unknown answers change no fact, so only the discount differs: (0 + 2) / (0 + 3 + 2).
        assertEquals(before * 2 / 5, after, 1e-9, "three unanswered host questions");
    }

    private static double valueOf(Interview iv, String question) {
        return iv.next().candidates().stream().filter(c -> c.question().id().equals(question)).findFirst().orElseThrow().value();
    }

    @Test
    void answersAreParsedOrExplained() {
        Interview iv = new Interview(Examples.service(), HostFacts.unknown("x"));
        Candidate code = iv.next().question();
        assertEquals(2308, AnswerParser.parse("0x904", code).value());
        assertEquals(2308, AnswerParser.parse("2308", code).value());
        assertTrue(AnswerParser.parse("0xZZ", code).hint().contains("0x904"));
        assertTrue(AnswerParser.parse("", code).hint().contains("unknown"));
        Candidate bool = iv.next().candidates().stream().filter(x -> x.field().kind().equals("boolean")).findFirst()
                .orElse(null);
        if (bool != null) {
            assertEquals(true, AnswerParser.parse("y", bool).value());
            assertEquals(false, AnswerParser.parse("No", bool).value());
            assertTrue(AnswerParser.parse("maybe", bool).hint().contains("yes or no"));
            assertNull(AnswerParser.parse("9", bool).value());
        }
    }

    @Test
    void aGateQuestionIsAskedForTheFollowUpItOpens() {
        // No rule reads the certificate kind, but the recreation test waits for "self-signed".
        HostFacts full = org.rdpdiag.authoring.CaseReader.factsOf(java.nio.file.Path.of(
                "rules/cases/machinekeys-store-corrupt-ruled-out.yaml"));
        List<String> asked = Replay.run(Examples.service(), HostFacts.unknown(full.id()), full).steps().stream()
                .map(Replay.Step::questionId).toList();
        assertTrue(asked.contains("host-certificate-kind") && asked.contains("host-certificate-recreated"), asked.toString());
        assertTrue(asked.indexOf("host-certificate-kind") < asked.indexOf("host-certificate-recreated"), asked.toString());
    }

    @Test
    void aGateCandidateSaysWhichFollowUpItOpens() {
        Interview interview = new Interview(Examples.service(), HostFacts.unknown("gate"));
        org.rdpdiag.knowledge.KnowledgeBase kb = Examples.service().knowledgeBase();
        // Everything the recreation test presumes, except the certificate kind.
        interview.answer(kb.catalog().question("error-main-code").orElseThrow(), 2308);
        interview.answer(kb.catalog().question("error-extended-code").orElseThrow(), 7);
        for (String[] a : new String[][] {{"host-term-service", "running"}, {"host-listener-state", "listening"}}) {
            interview.answer(kb.catalog().question(a[0]).orElseThrow(), a[1]);
        }
        Candidate gate = interview.next().candidates().stream()
                .filter(c -> c.question().id().equals("host-certificate-kind")).findFirst().orElseThrow();
        assertEquals("host-certificate-recreated", gate.opens().id());
        assertTrue(gate.value() > 0 && gate.outcomes().isEmpty());
    }

    @Test
    void textProbesAreSamplesTheRulesExpressionsAccept() {
        assertEquals(List.of("credssp", "encryption oracle"), Probes.samplesMatching("(?is).*(credssp|encryption oracle).*"));
        assertEquals(List.of("requires network level authentication not support"),
                Probes.samplesMatching("(?is).*requires network level authentication.*not support.*"));
        assertEquals(List.of(), Probes.samplesMatching("(unclosed"));
    }
}
