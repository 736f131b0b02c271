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
            Map.entry("remote-credential-guard-required", "remote-credential-guard-required"));

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

    // ---- hand-broken copies ------------------------------------------------------------------

    private static String sample(String name) throws IOException {
        return Files.readString(SAMPLES.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void aTruncatedFileIsRefusedAtItsEnd() throws IOException {
        String text = sample("healthy-host.json");
        String cut = text.substring(0, text.length() / 2);
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
