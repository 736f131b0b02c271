package org.rdpdiag.interview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import org.rdpdiag.strategy.Action;
import org.rdpdiag.strategy.Outcome;
import org.rdpdiag.strategy.Probes;
import org.rdpdiag.support.Examples;

/** The interview's choices, replays and the answers it accepts, on the real knowledge base. */
class InterviewTest {

    private static HostFacts example(String name) {
        return FactsReader.read(Path.of("facts/examples", name + ".yaml"));
    }

    private static Replay.Transcript replay(String name) {
        HostFacts full = example(name);
        return Replay.run(Examples.service(), HostFacts.unknown(org.rdpdiag.facts.Vocabulary.bundled(), full.id()), full);
    }

    private static List<String> sequence(String name) {
        return replay(name).steps().stream().map(Replay.Step::questionId).toList();
    }

    private static CauseAssessment cause(List<CauseAssessment> ranking, String id) {
        return ranking.stream().filter(a -> a.cause().id().equals(id)).findFirst().orElseThrow();
    }

    private static List<Action.Observe> observations(Interview iv) {
        return Examples.service().strategy().observations(iv.situation());
    }

    private static Action.Observe observation(Interview iv, String questionId) {
        return observations(iv).stream().filter(o -> o.question().id().equals(questionId)).findFirst().orElseThrow();
    }

    @Test
    void theCodesAreAskedFirstThenWhatSavesMostPerMinute() {
        List<String> expired = sequence("expired-self-signed-cert");
        assertEquals(List.of("error-main-code", "error-extended-code"), expired.subList(0, 2));
        assertTrue(expired.contains("host-certificate-state"), expired.toString());
        // Eight to settle it, and one more that tests the root an expired self-signed certificate
        // that was not renewed may have: the keys of MachineKeys.
        assertTrue(expired.size() <= 9, "an expired certificate settles the diagnosis quickly: " + expired);
        assertTrue(List.of("host-key-events", "host-machinekeys-access").contains(expired.get(expired.size() - 1)), expired.toString());
    }

    @Test
    void anInterviewEndsWithAFixToTryOnceTryingIsCheaperThanAsking() {
        Replay.Transcript t = replay("termservice-stopped");
        Action.Repair first = assertInstanceOf(Action.Repair.class, t.firstStep(), t.endReason());
        assertEquals("start-termservice", first.fix().id());
        assertTrue(t.endReason().contains("cheaper in expectation than asking on"), t.endReason());
        // The step the interview names is the plan's first fix on the same facts.
        assertEquals(first.fix().id(), t.diagnosis().plan().steps().stream()
                .filter(s -> s.kind() == org.rdpdiag.plan.StepKind.FIX).findFirst().orElseThrow().id());
    }

    @Test
    void theFixAnInterviewEndsWithIsNamedAtItsPlaceInThePlan() {
        // A client-side case written briefly: most questions get "unknown", and the plan of what is
        // known still lists checks before its first fix. The end of the interview must say so.
        HostFacts full = org.rdpdiag.authoring.CaseReader.factsOf(
                java.nio.file.Path.of("rules/cases/client-tls-floor-above-host-confirmed.yaml"));
        Replay.Transcript t = Replay.run(Examples.service(), HostFacts.unknown(org.rdpdiag.facts.Vocabulary.bundled(), full.id()), full);
        Action.Repair first = assertInstanceOf(Action.Repair.class, t.firstStep(), t.endReason());
        var steps = t.diagnosis().plan().steps();
        int at = steps.stream().filter(s -> s.kind() == org.rdpdiag.plan.StepKind.FIX && s.id().equals(first.fix().id()))
                .mapToInt(org.rdpdiag.plan.PlanStep::step).findFirst().orElseThrow();
        assertTrue(at > 1, "this case was chosen because its plan opens with checks: " + steps);
        assertEquals(org.rdpdiag.plan.StepKind.CHECK, steps.get(0).kind());
        assertTrue(t.endReason().contains("then step " + at + ", " + first.fix().id()), t.endReason());
        assertFalse(t.endReason().contains("step 1 of the plan"), t.endReason());
    }

    @Test
    void replaySequencesAreStable() {
        assertEquals(sequence("rdp-disabled-by-policy"), sequence("rdp-disabled-by-policy"));
    }

    @Test
    void theInterviewReachesTheFullFactsTopCause() {
        for (String name : List.of("termservice-stopped", "credssp-unpatched-client", "cipher-suite-order", "udp-drops-in-session")) {
            HostFacts full = example(name);
            Replay.Transcript t = Replay.run(Examples.service(), HostFacts.unknown(org.rdpdiag.facts.Vocabulary.bundled(), full.id()), full);
            assertEquals(Examples.diagnose(full).causes().get(0).cause().id(), t.diagnosis().causes().get(0).cause().id(), name);
        }
    }

    @Test
    void aFollowUpWaitsForTheAnswerThatMakesItMeaningful() {
        Interview iv = new Interview(Examples.service(), FactValues.toFacts(org.rdpdiag.facts.Vocabulary.bundled(), "x", Map.of("error.mainCode", 2308,
                "error.extendedCode", 7)));
        assertFalse(asked(iv, "host-connection-limit"), "RDS questions wait for the RDS role");
        iv.answer(Examples.service().knowledgeBase().catalog().question("host-rds-session-host").orElseThrow(), true);
        assertTrue(asked(iv, "host-connection-limit"));
    }

    private static boolean asked(Interview iv, String question) {
        return observations(iv).stream().anyMatch(o -> o.question().id().equals(question) && o.opens() == null);
    }

    @Test
    void theMtuQuestionWaitsForAVpn() {
        Interview iv = new Interview(Examples.service(), FactValues.toFacts(org.rdpdiag.facts.Vocabulary.bundled(), "x", Map.of("error.mainCode", 2308,
                "error.extendedCode", 7)));
        assertFalse(asked(iv, "network-large-packets"), "the DF ping only matters through a tunnel");
        iv.answer(Examples.service().knowledgeBase().catalog().question("network-vpn-in-use").orElseThrow(), true);
        assertTrue(asked(iv, "network-large-packets"));
    }

    @Test
    void backWithdrawsEverythingConcludedFromTheAnswer() {
        Interview iv = new Interview(Examples.service(), HostFacts.unknown(org.rdpdiag.facts.Vocabulary.bundled(), "x"));
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
        Interview iv = new Interview(Examples.service(), FactValues.toFacts(org.rdpdiag.facts.Vocabulary.bundled(), "x", Map.of("error.mainCode", 2308,
                "error.extendedCode", 7)));
        var first = iv.next().question().question();
        iv.answer(first, null);
        assertFalse(iv.values().containsKey(first.fact()));
        assertTrue(observations(iv).stream().noneMatch(o -> o.question().id().equals(first.id())));
        assertFalse(first.id().equals(iv.next().question().question().id()));
    }

    @Test
    void knownFactsAreNeverAsked() {
        HostFacts start = FactValues.toFacts(org.rdpdiag.facts.Vocabulary.bundled(), "x", Map.of("error.mainCode", 2308, "error.extendedCode", 7,
                "host.certificateState", "valid"));
        Interview iv = new Interview(Examples.service(), start);
        assertTrue(observations(iv).stream().noneMatch(o -> o.question().fact().equals("host.certificateState")
                || o.question().fact().startsWith("error.mainCode")));
    }

    @Test
    void whyShowsHowEachAnswerWouldMoveTheCauses() {
        HostFacts start = FactValues.toFacts(org.rdpdiag.facts.Vocabulary.bundled(), "x", Map.of("error.mainCode", 2308, "error.extendedCode", 7));
        Interview iv = new Interview(Examples.service(), start);
        Action.Observe tls = observation(iv, "host-tls12-server");
        Outcome off = tls.outcomes().stream().filter(o -> Boolean.FALSE.equals(o.answer().value())).findFirst().orElseThrow();
        Outcome.Shift shift = off.moved().stream().filter(m -> m.cause().equals("tls12-disabled")).findFirst().orElseThrow();
        assertTrue(shift.after() > 0.5 && shift.after() > shift.before(), shift.toString());
        Outcome on = tls.outcomes().stream().filter(o -> Boolean.TRUE.equals(o.answer().value())).findFirst().orElseThrow();
        assertTrue(on.expectedCost() > off.expectedCost(), "a confirmed cause with a fix is quicker to repair");
        double total = tls.outcomes().stream().mapToDouble(Outcome::probability).sum();
        assertEquals(1.0, total, 1e-9, "answer odds form a distribution");
        assertTrue(tls.saving() > 0);
    }

    @Test
    void answerOddsFollowTheBeliefs() {
        // A rare cause: the answer that would confirm it must be the unlikely one.
        HostFacts start = FactValues.toFacts(org.rdpdiag.facts.Vocabulary.bundled(), "x", Map.of("error.mainCode", 2308, "error.extendedCode", 7));
        Interview iv = new Interview(Examples.service(), start);
        Action.Observe setup = observation(iv, "host-setup-in-progress");
        double yes = setup.outcomes().stream().filter(o -> Boolean.TRUE.equals(o.answer().value())).findFirst()
                .orElseThrow().probability();
        assertTrue(yes < 0.2, "a Sysprep flag left set is rare: " + yes);
    }

    @Test
    void unansweredQuestionsAtAPlaceDiscountTheOthersThere() {
        HostFacts start = FactValues.toFacts(org.rdpdiag.facts.Vocabulary.bundled(), "x", Map.of("error.mainCode", 2308, "error.extendedCode", 7));
        Interview fresh = new Interview(Examples.service(), start);
        Interview noHostAccess = new Interview(Examples.service(), start);
        var catalog = Examples.service().knowledgeBase().catalog();
        for (String hostQuestion : List.of("host-recent-update", "host-setup-in-progress", "host-term-service")) {
            noHostAccess.answer(catalog.question(hostQuestion).orElseThrow(), null);
        }
        double before = observation(fresh, "host-certificate-state").saving();
        double after = observation(noHostAccess, "host-certificate-state").saving();
        // Unknown answers change no fact, so only the chance of an answer differs: (0 + p) / (0 + 3 + p).
        double p = org.rdpdiag.strategy.Strategy.PRIOR_ANSWERS;
        assertEquals(before * p / (3 + p), after, 1e-9, "three unanswered host questions");
    }

    @Test
    void answersAreParsedOrExplained() {
        Interview iv = new Interview(Examples.service(), HostFacts.unknown(org.rdpdiag.facts.Vocabulary.bundled(), "x"));
        Candidate code = iv.next().question();
        assertEquals(2308, AnswerParser.parse("0x904", code).value());
        assertEquals(2308, AnswerParser.parse("2308", code).value());
        assertTrue(AnswerParser.parse("0xZZ", code).hint().contains("0x904"));
        assertTrue(AnswerParser.parse("", code).hint().contains("unknown"));
        Interview withCodes = new Interview(Examples.service(), FactValues.toFacts(org.rdpdiag.facts.Vocabulary.bundled(), "x", Map.of("error.mainCode", 2308,
                "error.extendedCode", 7)));
        withCodes.answer(Examples.service().knowledgeBase().catalog().question("host-rds-session-host").orElseThrow(), null);
        var q = Examples.service().knowledgeBase().catalog().question("host-tls12-server").orElseThrow();
        Candidate bool = new Candidate(q, org.rdpdiag.facts.Vocabulary.bundled().field(q.fact()).orElseThrow(),
                org.rdpdiag.strategy.Options.offered(q, org.rdpdiag.facts.Vocabulary.bundled().field(q.fact()).orElseThrow()), null, null);
        assertEquals(true, AnswerParser.parse("y", bool).value());
        assertEquals(false, AnswerParser.parse("No", bool).value());
        assertTrue(AnswerParser.parse("maybe", bool).hint().contains("yes or no"));
        assertNull(AnswerParser.parse("9", bool).value());
        var e = Examples.service().knowledgeBase().catalog().questions().stream()
                .filter(x -> x.fact().equals("host.eventIdsSeen")).findFirst().orElseThrow();
        var field = org.rdpdiag.facts.Vocabulary.bundled().field(e.fact()).orElseThrow();
        Candidate events = new Candidate(e, field, org.rdpdiag.strategy.Options.offered(e, field), null, null);
        assertEquals(List.of(1058, 36870), AnswerParser.parse("[1058, 36870]", events).value(), "as a facts file writes it");
        assertEquals(AnswerParser.parse("1058, 36870", events).value(), AnswerParser.parse("[1058, 36870]", events).value());
        assertEquals(List.of(), AnswerParser.parse("[]", events).value());
        assertTrue(AnswerParser.parse("[1059]", events).hint() != null, "an id not offered is still refused");
    }

    @Test
    void aGateQuestionIsAskedForTheFollowUpsItOpens() {
        // No rule reads the RDS role alone in a way that settles a cause, but the connection limit and
        // the session count wait for it, and together they do.
        // This host is an RD Session Host out of its licensing grace period.
        List<String> asked = sequence("rds-licensing-grace-expired");
        assertTrue(asked.contains("host-rds-session-host"), asked.toString());
        int role = asked.indexOf("host-rds-session-host");
        int limit = Math.max(asked.indexOf("host-connection-limit"), asked.indexOf("host-active-sessions"));
        assertTrue(limit > role, "a follow-up comes after its gate: " + asked);
    }

    @Test
    void aGateCandidateSaysWhichFollowUpItOpens() {
        Interview interview = new Interview(Examples.service(), FactValues.toFacts(org.rdpdiag.facts.Vocabulary.bundled(), "x", Map.of("error.mainCode", 2308,
                "error.extendedCode", 7)));
        Action.Observe gate = observation(interview, "host-rds-session-host");
        assertTrue(gate.opens() != null && gate.opens().askWhen().containsKey("host.rdsSessionHost"), String.valueOf(gate.opens()));
        assertTrue(gate.saving() > 0 && gate.outcomes().isEmpty());
        // Its cost is the gate's and the follow-up's together.
        double own = Examples.service().knowledgeBase().catalog().costs().of(gate.question(), gate.check()).total();
        assertTrue(gate.cost().total() > own, gate.cost().toString());
    }

    @Test
    void textProbesAreSamplesTheRulesExpressionsAccept() {
        assertEquals(List.of("credssp", "encryption oracle"), Probes.samplesMatching("(?is).*(credssp|encryption oracle).*"));
        assertEquals(List.of("requires network level authentication not support"),
                Probes.samplesMatching("(?is).*requires network level authentication.*not support.*"));
        assertEquals(List.of(), Probes.samplesMatching("(unclosed"));
    }
}
