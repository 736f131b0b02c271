package org.rdpdiag.collected;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsProblem;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.support.TestKnowledge;

/**
 * The recorded evidence of collect/samples (written as the collectors write it, in the layouts of
 * Windows PowerShell 5.1 and 7) imports and diagnoses as its scenario says, and hand-broken copies
 * of it are refused or skipped where they are broken.
 */
class CollectorSamplesTest {
    static final Path SAMPLES = Path.of("collect/samples");

    /** Scenario (host and client file names without "-host.json" / "-client.json") to the cause it must establish. */
    static final Map<String, String> ESTABLISHES = Map.ofEntries(
            Map.entry("rdp-disabled-by-policy", "rdp-disabled-by-policy"),
            Map.entry("termservice-stopped", "termservice-stopped"),
            Map.entry("listener-port-conflict", "listener-port-conflict"),
            Map.entry("expired-self-signed-cert", "rdp-certificate-invalid"),
            Map.entry("machinekeys-network-service", "machinekeys-network-service-access"),
            Map.entry("tls12-server-disabled", "tls12-disabled"),
            Map.entry("cipher-suite-policy", "cipher-suite-order-mismatch"),
            Map.entry("credssp-force-updated", "credssp-oracle-mismatch"),
            Map.entry("rds-no-license-server", "rds-licensing-unavailable"),
            Map.entry("azure-firewall-rules-disabled", "firewall-blocks-rdp"),
            Map.entry("not-elevated", "rdp-disabled-locally"),
            Map.entry("vpn-mtu-blackhole", "mtu-black-hole"),
            Map.entry("remote-credential-guard-required", "remote-credential-guard-required"),
            Map.entry("schannel-hardened", "schannel-hardening-excludes-client"));

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.replaceAll("-(host|client)\\.json$", "")).distinct().sorted().toList().stream();
        }
    }

    static Importer.Imported importScenario(String scenario) {
        List<EvidenceReader.Read> reads = new ArrayList<>();
        for (String side : List.of("host", "client")) {
            Path p = SAMPLES.resolve(scenario + "-" + side + ".json");
            if (Files.exists(p)) {
                reads.add(EvidenceReader.read(p));
            }
        }
        return Importer.of(reads, TestKnowledge.kb().vocabulary(), scenario);
    }

    @Test
    void thereAreTenScenariosOrMoreWithHostAndClientFilesAndEveryOneIsExpected() throws IOException {
        List<String> all = scenarios().toList();
        assertTrue(all.size() >= 10, all.toString());
        assertTrue(all.stream().allMatch(s -> ESTABLISHES.containsKey(s) || s.equals("healthy")), all.toString());
        try (Stream<Path> files = Files.list(SAMPLES)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.endsWith("-client.json")));
            assertTrue(names.stream().anyMatch(n -> n.endsWith("-host.json")));
        }
    }

    @Test
    void theWebReportSaysWhereTheCitedFactsWereRead() {
        HostFacts facts = importScenario("tls12-server-disabled").facts();
        Diagnosis d = new DiagnoseService(TestKnowledge.kb()).diagnose(facts);
        String html = org.rdpdiag.report.HtmlReport.render(d, step -> null);
        String source = facts.sourceOf("host.tls12ServerEnabled").orElseThrow();
        assertTrue(html.contains("<h2>Fact sources</h2>"), html);
        assertTrue(html.contains("<dt><code>host.tls12ServerEnabled</code></dt><dd>"
                + org.rdpdiag.report.HtmlReport.escape(source) + "</dd>"), "the registry read behind the leading cause: " + source);
        // Typed facts carry no source, and their report says nothing of sources.
        HostFacts typed = HostFacts.of(facts.vocabulary(), "typed", Map.of("host.tls12ServerEnabled", false));
        assertFalse(org.rdpdiag.report.HtmlReport.render(new DiagnoseService(TestKnowledge.kb()).diagnose(typed), step -> null)
                .contains("Fact sources"));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everySampleImportsWithEveryValueSourcedAndDiagnosesAsItsScenarioSays(String scenario) {
        Importer.Imported imported = importScenario(scenario);
        HostFacts facts = imported.facts();
        // No item is unknown to the importer: the collectors and the importer follow one table.
        assertTrue(imported.skipped().stream().noneMatch(p -> p.message().contains("is not one this rdpdiag reads")), imported.skipped().toString());
        for (String path : facts.vocabulary().paths()) {
            if (facts.value(path) != null) {
                assertTrue(facts.sourceOf(path).isPresent(), path + " has no source");
            }
        }
        Diagnosis d = new DiagnoseService(TestKnowledge.kb()).diagnose(facts);
        List<String> established = d.causes().stream().filter(a -> !a.conflicting()
                && (a.status() == Status.CONFIRMED || a.status() == Status.LIKELY)).map(a -> a.cause().id()).toList();
        if (scenario.equals("healthy")) {
            assertTrue(d.noKnownCause(), established.toString());
        } else {
            assertTrue(established.contains(ESTABLISHES.get(scenario)), scenario + ": " + established);
        }
    }

    @Test
    void aHostAndItsClientMergeAndTheClientDecidesWhatTheHostCannot() {
        Importer.Imported hostOnly = Importer.of(List.of(EvidenceReader.read(SAMPLES.resolve("credssp-force-updated-host.json"))),
                TestKnowledge.kb().vocabulary(), "h");
        Importer.Imported both = importScenario("credssp-force-updated");
        assertEquals(null, hostOnly.facts().value("client.allowEncryptionOracle"));
        assertEquals(0, both.facts().value("client.allowEncryptionOracle"));
        assertEquals(false, both.facts().value("host.credsspPatched"));
        CauseAssessment mismatch = new DiagnoseService(TestKnowledge.kb()).diagnose(both.facts()).causes().stream()
                .filter(a -> a.cause().id().equals("credssp-oracle-mismatch")).findFirst().orElseThrow();
        assertEquals(Status.CONFIRMED, mismatch.status());
    }

    @Test
    void theHealthyClientIsADomainMember() {
        assertEquals("ad-domain", importScenario("healthy").facts().value("client.joinType"));
    }

    @Test
    void anAccessDeniedItemLeavesItsFactUnknownAndSaysWhere() {
        Importer.Imported imported = importScenario("not-elevated");
        assertEquals(null, imported.facts().value("host.networkServiceMachineKeysAccess"));
        FactsProblem p = imported.skipped().stream().filter(x -> x.message().contains("access-denied")).findFirst().orElseThrow();
        assertTrue(p.file().endsWith("not-elevated-host.json") && p.line() > 1, p.toString());
    }

    @Test
    void pingsThatNothingAnswersDecideNeitherLossNorMtu() {
        HostFacts f = importScenario("azure-firewall-rules-disabled").facts();
        assertEquals(null, f.value("network.packetLossPct"));
        assertEquals(null, f.value("network.largePacketsFail"));
        assertEquals(false, f.value("network.portReachable"));
    }

    @Test
    void theSchannelStateAndItsAlertCodesComeFromTheHostsOwnKeysAndEvents() {
        HostFacts hardened = importScenario("schannel-hardened").facts();
        assertEquals(true, hardened.value("host.schannelHardened"));
        assertEquals(List.of(40), hardened.value("host.schannelAlertCodes"));
        assertTrue(hardened.sourceOf("host.schannelHardened").orElseThrow().contains("SCHANNEL\\Protocols\\SSL 3.0\\Client Enabled = 0"),
                hardened.sourceOf("host.schannelHardened").toString());
        // The defaults of Windows (SSL 2.0 off for clients, the full local suite list) are no hardening.
        HostFacts healthy = importScenario("healthy").facts();
        assertEquals(false, healthy.value("host.schannelHardened"));
        assertEquals(List.of(), healthy.value("host.schannelAlertCodes"));
        // A release whose default suites the import does not know leaves the question open, and says so.
        Importer.Imported windows10 = importScenario("termservice-stopped");
        assertEquals(null, windows10.facts().value("host.schannelHardened"));
        assertTrue(windows10.skipped().stream().anyMatch(p -> p.message().contains("build 19045")), windows10.skipped().toString());
        assertTrue(windows10.facts().sourceOf("host.termServiceState").orElseThrow().contains("RpcSs Running"));
    }

    // ---- hand-broken copies ------------------------------------------------------------------

    private static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void aSchannelValueThatIsNotANumberIsReportedAtItsItemAndDecidesNothing() throws IOException {
        String text = sample("healthy-host.json");
        int at = text.indexOf("\"schannel-hashes\"");
        String broken = text.substring(0, at) + text.substring(at).replaceFirst("\"values\":  \\[\\s*\\]",
                "\"values\":  [ { \"key\": \"MD5\", \"name\": \"Enabled\", \"type\": \"REG_SZ\", \"value\": \"off\" } ]");
        Importer.Imported imported = Importer.of(List.of(EvidenceReader.read(broken, "hashes.json")), TestKnowledge.kb().vocabulary(), "h");
        assertEquals(null, imported.facts().value("host.schannelHardened"), "an unreadable value is no proof of defaults");
        FactsProblem p = imported.skipped().stream().filter(x -> x.message().contains("item 'schannel-hashes' holds a value that cannot be read")).findFirst().orElseThrow();
        assertEquals(lineOf(broken, "\"schannel-hashes\"") - 1, p.line(), p.toString());
    }

    @Test
    void anAlertEventWithoutItsCodeLeavesTheCodesUnknownAndSaysWhere() throws IOException {
        String text = sample("cipher-suite-policy-host.json");
        // The first 36888 event as a collector before 1.1.0 recorded it: no data, no message.
        String broken = text.replaceFirst("(?s)(\"id\":  36888,\\s*\"time\":  \"[^\"]+\",\\s*\"provider\":  \"Schannel\"),\\s*\"data\":.*?\"message\":  \"[^\"]*\"", "$1");
        Importer.Imported imported = Importer.of(List.of(EvidenceReader.read(broken, "alerts.json")), TestKnowledge.kb().vocabulary(), "h");
        assertEquals(null, imported.facts().value("host.schannelAlertCodes"));
        assertEquals(List.of(36874, 36888), imported.facts().value("host.eventIdsSeen"), "the events themselves still count");
        FactsProblem p = imported.skipped().stream().filter(x -> x.message().contains("carries no alert code")).findFirst().orElseThrow();
        assertEquals(lineOf(broken, "\"system-events\"") - 1, p.line(), p.toString());
    }

    @Test
    void aDependencyListOfTheWrongShapeIsReportedAndTheServiceStateStillImports() throws IOException {
        String text = sample("termservice-stopped-host.json");
        int at = text.indexOf("\"termservice-dependencies\"");
        String broken = text.substring(0, at) + text.substring(at).replaceFirst("\"name\":  \"RpcSs\"", "\"service\":  \"RpcSs\"");
        Importer.Imported imported = Importer.of(List.of(EvidenceReader.read(broken, "deps.json")), TestKnowledge.kb().vocabulary(), "h");
        assertEquals("stopped", imported.facts().value("host.termServiceState"));
        assertFalse(imported.facts().sourceOf("host.termServiceState").orElseThrow().contains("RpcSs"));
        FactsProblem p = imported.skipped().stream().filter(x -> x.message().contains("termservice-dependencies")).findFirst().orElseThrow();
        assertEquals(lineOf(broken, "\"termservice-dependencies\"") - 1, p.line(), p.toString());
        assertTrue(p.message().contains("leaves TermService's dependencies out"), p.message());
    }

    private static String sample(String name) throws IOException {
        return Files.readString(SAMPLES.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void aTruncatedFileIsRefusedAtItsEnd() throws IOException {
        String text = sample("healthy-host.json");
        // Cut at a line's end, between two values, as a copy that stopped early would be.
        String cut = text.substring(0, text.lastIndexOf('\n', text.length() / 2) + 1);
        FactsException e = assertThrows(FactsException.class, () -> EvidenceReader.read(cut, "cut.json"));
        FactsProblem p = e.problems().get(0);
        assertTrue(p.message().contains("the file ends before"), p.message());
        assertTrue(p.suggestion() != null && p.suggestion().contains("cut off") || p.message().contains("closing"), p.toString());
        assertTrue(p.line() > 10, p.toString());
    }

    @Test
    void aRenamedItemIsSkippedAtItsLineAndTheRestStillImports() throws IOException {
        String text = sample("termservice-stopped-host.json").replaceFirst("\"termservice\"", "\"termservice-v2\"");
        int line = (int) text.substring(0, text.indexOf("\"termservice-v2\"")).chars().filter(c -> c == '\n').count() + 1;
        Importer.Imported imported = Importer.of(List.of(EvidenceReader.read(text, "renamed.json")), TestKnowledge.kb().vocabulary(), "h");
        assertEquals(null, imported.facts().value("host.termServiceState"));
        assertFalse(imported.facts().provenance().isEmpty());
        FactsProblem p = imported.skipped().stream().filter(x -> x.message().contains("termservice-v2")).findFirst().orElseThrow();
        // The item's opening brace is on the line before its id.
        assertEquals(line - 1, p.line(), p.toString());
    }

    @Test
    void aValueOfTheWrongTypeIsNotGuessed() throws IOException {
        String text = sample("rdp-disabled-by-policy-host.json");
        int at = text.indexOf("\"rdp-policy-deny-connections\"");
        int value = text.indexOf("\"value\"", at);
        int end = text.indexOf('\n', value);
        String broken = text.substring(0, value) + "\"value\": \"one\"" + text.substring(end).replaceFirst("^\\r?\\n", text.substring(end, text.indexOf('\n', end) + 1));
        Importer.Imported imported = Importer.of(List.of(EvidenceReader.read(broken, "typed.json")), TestKnowledge.kb().vocabulary(), "h");
        assertEquals(null, imported.facts().value("host.remoteDesktopPolicy"));
        assertTrue(imported.skipped().stream().anyMatch(p -> p.message().contains("rdp-policy-deny-connections")), imported.skipped().toString());
    }
}
