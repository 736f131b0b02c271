package org.rdpdiag.collected;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsProblem;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.support.TestKnowledge;

/** What each item means as a fact, what stays unknown, and where every value came from. */
class ImporterTest {
    static final String TS = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server";
    static final String RDP_TCP = TS + "\\WinStations\\RDP-Tcp";
    static final String POLICY = "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services";

    static Vocabulary vocabulary() {
        return TestKnowledge.kb().vocabulary();
    }

    static Importer.Imported imported(Evidence... files) {
        List<EvidenceReader.Read> reads = new java.util.ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            reads.add(EvidenceReader.read(files[i].json(), "e" + i + ".json"));
        }
        return Importer.of(reads, vocabulary(), "h1");
    }

    @Test
    void aPolicyWinsOverTheLocalSettingAndTheSourceSaysSo() {
        HostFacts f = imported(Evidence.host()
                .registry("rdp-user-authentication", RDP_TCP, "UserAuthentication", 0)
                .registry("rdp-policy-user-authentication", POLICY, "UserAuthentication", 1)).facts();
        assertEquals(true, f.value("host.nlaRequired"));
        assertTrue(f.sourceOf("host.nlaRequired").orElseThrow().contains("set by policy"), f.provenance().toString());
    }

    @Test
    void theLocalSettingCountsWhenNoPolicyIsSet() {
        HostFacts f = imported(Evidence.host()
                .registry("rdp-security-layer", RDP_TCP, "SecurityLayer", 0)
                .absent("rdp-policy-security-layer", POLICY, "SecurityLayer")).facts();
        assertEquals("rdp", f.value("host.securityLayer"));
        assertEquals("registry " + RDP_TCP + " SecurityLayer = 0, read 2026-12-01T10:02:12Z", f.sourceOf("host.securityLayer").orElseThrow());
    }

    @Test
    void anAbsentValueTakesItsDocumentedDefaultOnlyWhereWindowsHasOne() {
        Importer.Imported i = imported(Evidence.host()
                .absent("rdp-policy-deny-connections", POLICY, "fDenyTSConnections")
                .absent("fips-policy", "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy", "Enabled")
                .absent("credssp-allow-encryption-oracle", "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters", "AllowEncryptionOracle")
                .absent("rdp-deny-connections", TS, "fDenyTSConnections"));
        HostFacts f = i.facts();
        assertEquals("not-configured", f.value("host.remoteDesktopPolicy"));
        assertEquals(false, f.value("host.fipsEnabled"));
        // No default is documented for these: they stay unknown, and the second one is reported.
        assertNull(f.value("host.allowEncryptionOracle"));
        assertNull(f.value("host.remoteDesktopEnabled"));
        assertTrue(i.skipped().stream().anyMatch(p -> p.message().contains("rdp-deny-connections") && p.message().contains("not-present")),
                i.skipped().toString());
    }

    @Test
    void tls12IsOnByDefaultOnlyFromWindowsServer2012() {
        Evidence modern = Evidence.host().item("os", "os", "{}", "\"result\":{\"caption\":\"Microsoft Windows Server 2022 Datacenter\",\"build\":20348,\"ubr\":2849}")
                .absent("schannel-tls12-server-enabled", "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server", "Enabled");
        assertEquals(true, imported(modern).facts().value("host.tls12ServerEnabled"));
        Evidence old = Evidence.host().item("os", "os", "{}", "\"result\":{\"caption\":\"Microsoft Windows Server 2008 R2 Standard\",\"build\":7601,\"ubr\":0}")
                .absent("schannel-tls12-server-enabled", "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server", "Enabled");
        Importer.Imported i = imported(old);
        assertNull(i.facts().value("host.tls12ServerEnabled"));
        assertTrue(i.skipped().stream().anyMatch(p -> p.message().contains("build 7601")), i.skipped().toString());
        Evidence off = Evidence.host().registry("schannel-tls12-server-enabled", "x", "Enabled", 0);
        assertEquals(false, imported(off).facts().value("host.tls12ServerEnabled"));
    }

    @Test
    void theCredsspPatchIsToldFromTheBuildOnlyWhereItIsKnown() {
        Evidence unpatched2016 = Evidence.host().item("os", "os", "{}", "\"result\":{\"caption\":\"Windows Server 2016\",\"build\":14393,\"ubr\":2125}");
        assertEquals(false, imported(unpatched2016).facts().value("host.credsspPatched"));
        Evidence patched2016 = Evidence.host().item("os", "os", "{}", "\"result\":{\"caption\":\"Windows Server 2016\",\"build\":14393,\"ubr\":2248}");
        assertEquals(true, imported(patched2016).facts().value("host.credsspPatched"));
        Evidence win81 = Evidence.host().item("os", "os", "{}", "\"result\":{\"caption\":\"Windows 8.1\",\"build\":9600,\"ubr\":20000}");
        assertNull(imported(win81).facts().value("host.credsspPatched"));
    }

    @Test
    void aCertificateIsExpiredAgainstTheTimeOfCollectionNotToday() {
        String cert = "\"result\":{\"subject\":\"CN=RDS01\",\"issuer\":\"CN=RDS01\",\"notAfter\":\"2026-06-01T00:00:00Z\",\"thumbprint\":\"AB\",\"hasPrivateKey\":true}";
        HostFacts later = imported(Evidence.host().at("2026-12-01T10:00:00Z").item("rdp-certificate", "certificate", "{}", cert)).facts();
        assertEquals("expired", later.value("host.certificateState"));
        assertEquals("self-signed", later.value("host.certificateKind"));
        HostFacts earlier = imported(Evidence.host().at("2026-05-01T10:00:00Z").item("rdp-certificate", "certificate", "{}", cert)).facts();
        assertEquals("valid", earlier.value("host.certificateState"));
        HostFacts keyless = imported(Evidence.host().item("rdp-certificate", "certificate", "{}", cert.replace("\"hasPrivateKey\":true", "\"hasPrivateKey\":false"))).facts();
        assertEquals("corrupt", keyless.value("host.certificateState"));
    }

    @Test
    void anotherProgramOnThePortMeansTheListenerIsNotListening() {
        HostFacts f = imported(Evidence.host().item("rdp-listener", "listener", "{\"port\":3389}",
                "\"result\":[{\"localAddress\":\"0.0.0.0\",\"localPort\":3389,\"owningProcess\":4242,\"processName\":\"teamviewer_service\",\"services\":[]}]")).facts();
        assertEquals("not-listening", f.value("host.listenerState"));
        assertEquals("other-process", f.value("host.listenerPortOwner"));
        assertTrue(f.sourceOf("host.listenerPortOwner").orElseThrow().contains("teamviewer_service"));
    }

    @Test
    void networkServiceNeedsReadOnTheKeyAndADenyWins() {
        String allow = "{\"identity\":\"NT AUTHORITY\\\\NETWORK SERVICE\",\"rights\":\"Read, Synchronize\",\"type\":\"Allow\"}";
        String deny = "{\"identity\":\"NT AUTHORITY\\\\NETWORK SERVICE\",\"rights\":\"Read\",\"type\":\"Deny\"}";
        String admins = "{\"identity\":\"BUILTIN\\\\Administrators\",\"rights\":\"FullControl\",\"type\":\"Allow\"}";
        assertEquals(true, imported(Evidence.host().item("rdp-certificate-key-acl", "acl", "{\"path\":\"k\"}",
                "\"result\":{\"owner\":\"x\",\"access\":[" + admins + "," + allow + "]}")).facts().value("host.networkServiceMachineKeysAccess"));
        assertEquals(false, imported(Evidence.host().item("rdp-certificate-key-acl", "acl", "{\"path\":\"k\"}",
                "\"result\":{\"owner\":\"x\",\"access\":[" + allow + "," + deny + "]}")).facts().value("host.networkServiceMachineKeysAccess"));
        assertEquals(false, imported(Evidence.host().item("rdp-certificate-key-acl", "acl", "{\"path\":\"k\"}",
                "\"result\":{\"owner\":\"x\",\"access\":[" + admins + "]}")).facts().value("host.networkServiceMachineKeysAccess"));
    }

    @Test
    void onlyEventsTheVocabularyKnowsAreKeptAndBothLogsCount() {
        HostFacts f = imported(Evidence.host()
                .item("system-events", "events", "{\"log\":\"System\"}", "\"result\":[{\"id\":36870},{\"id\":7036},{\"id\":36870}]")
                .item("rdp-admin-events", "events", "{\"log\":\"Admin\"}", "\"result\":[{\"id\":1057}]")).facts();
        assertEquals(List.of(1057, 36870), f.value("host.eventIdsSeen"));
        assertEquals(true, f.value("host.eventLogSearched"));
    }

    @Test
    void aValueOutsideTheVocabularyStaysUnknownAndIsReportedAtItsItem() {
        Importer.Imported i = imported(Evidence.host()
                .registry("rdp-port", RDP_TCP, "PortNumber", 99999)
                .item("telemetry-level", "registry", "{}", "\"result\":{\"value\":3}"));
        assertNull(i.facts().value("host.listenerPort"));
        FactsProblem port = i.skipped().stream().filter(p -> p.message().contains("listenerPort")).findFirst().orElseThrow();
        assertEquals(Evidence.FIRST_ITEM_LINE, port.line());
        assertTrue(port.message().contains("outside 1..65535"), port.message());
        FactsProblem unknown = i.skipped().stream().filter(p -> p.message().contains("telemetry-level")).findFirst().orElseThrow();
        assertEquals(Evidence.FIRST_ITEM_LINE + 1, unknown.line());
        assertEquals("e0.json", unknown.file());
    }

    @Test
    void aHostAndAClientFileMergeIntoOneConnectionsFacts() {
        Importer.Imported i = imported(
                Evidence.host().registry("rdp-port", RDP_TCP, "PortNumber", 3390),
                Evidence.client()
                        .item("host-port", "tcp-test", "{\"host\":\"rds01\",\"port\":3390}", "\"result\":{\"tcpTestSucceeded\":false,\"remoteAddress\":\"10.0.0.5\"}")
                        .item("host-ping", "ping", "{\"host\":\"rds01\",\"count\":10}", "\"result\":{\"sent\":10,\"received\":8,\"averageMs\":41.5}")
                        .item("host-ping-large-df", "ping", "{\"host\":\"rds01\",\"count\":4,\"size\":1372,\"dontFragment\":true}",
                                "\"result\":{\"sent\":4,\"received\":0}")
                        .registry("credssp-allow-encryption-oracle", "x", "AllowEncryptionOracle", 0));
        HostFacts f = i.facts();
        assertEquals(3390, f.value("host.listenerPort"));
        assertEquals(false, f.value("network.portReachable"));
        assertEquals(20.0, f.value("network.packetLossPct"));
        assertEquals(42, f.value("network.latencyMs"));
        assertEquals(true, f.value("network.largePacketsFail"));
        assertEquals(true, f.value("network.largePacketsTestedWithDf"));
        assertEquals(0, f.value("client.allowEncryptionOracle"));
        assertNull(f.value("host.allowEncryptionOracle"), "the client's setting is not the host's");
        assertTrue(i.skipped().isEmpty(), i.skipped().toString());
    }

    @Test
    void theClientsJoinStateComesFromTheJoinLinesOfDsregcmd() {
        String registered = "\"result\":{\"exitCode\":0,\"output\":\"AzureAdJoined : NO\\nEnterpriseJoined : NO\\nDomainJoined : NO\\nWorkplaceJoined : YES\"}";
        HostFacts f = imported(Evidence.client().item("join-state", "command", "{\"command\":\"dsregcmd /status\"}", registered)).facts();
        assertEquals("entra-registered", f.value("client.joinType"));
        assertNull(f.value("host.joinType"), "the client's join state is not the host's");
        String hybrid = registered.replace("AzureAdJoined : NO", "AzureAdJoined : YES").replace("DomainJoined : NO", "DomainJoined : YES");
        assertEquals("hybrid", imported(Evidence.client().item("join-state", "command", "{}", hybrid)).facts().value("client.joinType"));
        Importer.Imported cut = imported(Evidence.client().item("join-state", "command", "{}", "\"result\":{\"exitCode\":1,\"output\":\"\"}"));
        assertNull(cut.facts().value("client.joinType"));
        assertTrue(cut.skipped().stream().anyMatch(p -> p.message().contains("client.joinType stays unknown")), cut.skipped().toString());
    }

    @Test
    void twoFilesFromOneSideAreRefused() {
        FactsException e = assertThrows(FactsException.class, () -> imported(Evidence.host(), Evidence.host()));
        assertTrue(e.getMessage().contains("a second host evidence file"), e.getMessage());
    }

    @Test
    void theImportedFactsReadBackWithTheirSources() {
        HostFacts f = imported(Evidence.host()
                .registry("rdp-deny-connections", TS, "fDenyTSConnections", 1)
                .item("termservice", "service", "{\"name\":\"TermService\"}", "\"result\":{\"status\":\"Stopped\",\"startType\":\"Disabled\"}")).facts();
        assertEquals(false, f.value("host.remoteDesktopEnabled"));
        assertEquals("disabled", f.value("host.termServiceState"));
        String yaml = tools.jackson.dataformat.yaml.YAMLMapper.builder().build().writeValueAsString(FactValues.nested(f));
        HostFacts back = FactsReader.read(yaml, "back.yaml", FactsReader.Format.YAML, vocabulary());
        assertEquals(f.provenance(), back.provenance());
        assertFalse(back.provenance().isEmpty());
    }

    static final String SCHANNEL = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL";
    static final String SERVER_2022 = "\"result\":{\"caption\":\"Microsoft Windows Server 2022 Standard\",\"build\":20348,\"ubr\":2849}";

    /** The four SCHANNEL subkeys, {@code protocols} holding the given values (JSON), the others empty. */
    static Evidence schannel(Evidence e, String protocolValues) {
        e.item("schannel-protocols", "registry-tree", "{\"path\":\"" + SCHANNEL.replace("\\", "\\\\") + "\\\\Protocols\"}",
                "\"result\":{\"keys\":[],\"values\":[" + protocolValues + "]}");
        for (String id : List.of("schannel-ciphers", "schannel-hashes", "schannel-key-exchange")) {
            e.item(id, "registry-tree", "{}", "\"result\":{\"keys\":[],\"values\":[]}");
        }
        return e;
    }

    static String suites(List<String> names) {
        return "\"result\":{\"type\":\"REG_MULTI_SZ\",\"value\":[" + String.join(",", names.stream().map(n -> "\"" + n + "\"").toList()) + "]}";
    }

    static String value(String key, String name, Object v) {
        return "{\"key\":\"" + key.replace("\\", "\\\\") + "\",\"name\":\"" + name + "\",\"type\":\"REG_DWORD\",\"value\":" + v + "}";
    }

    @Test
    void schannelIsHardenedByAValueThatSwitchesSomethingOffButNotByWindowsOwnDefaults() {
        List<String> windows = DefaultCipherSuites.of(20348L).orElseThrow().suites();
        String ssl2 = value("SSL 2.0\\Client", "DisabledByDefault", 1);
        Importer.Imported clean = imported(schannel(Evidence.host().item("os", "os", "{}", SERVER_2022), ssl2)
                .item("local-cipher-suites", "registry", "{\"path\":\"x\",\"name\":\"Functions\"}", suites(windows)));
        assertEquals(false, clean.facts().value("host.schannelHardened"), clean.skipped().toString());
        assertTrue(clean.facts().sourceOf("host.schannelHardened").orElseThrow().contains("Windows Server 2022"));

        Importer.Imported tls10Off = imported(schannel(Evidence.host().item("os", "os", "{}", SERVER_2022),
                ssl2 + "," + value("TLS 1.0\\Server", "Enabled", 0))
                .item("local-cipher-suites", "registry", "{}", suites(windows)));
        assertEquals(true, tls10Off.facts().value("host.schannelHardened"));
        assertTrue(tls10Off.facts().sourceOf("host.schannelHardened").orElseThrow().contains("SCHANNEL\\Protocols\\TLS 1.0\\Server Enabled = 0"),
                tls10Off.facts().provenance().toString());

        // Enabled 0xFFFFFFFF is Windows' "on"; any other number is not what Windows writes.
        assertEquals(false, imported(schannel(Evidence.host().item("os", "os", "{}", SERVER_2022), value("TLS 1.2\\Server", "Enabled", 4294967295L))
                .item("local-cipher-suites", "registry", "{}", suites(windows))).facts().value("host.schannelHardened"));
        assertEquals(true, imported(schannel(Evidence.host().item("os", "os", "{}", SERVER_2022), value("TLS 1.2\\Server", "Enabled", 2))
                .item("local-cipher-suites", "registry", "{}", suites(windows))).facts().value("host.schannelHardened"));
    }

    @Test
    void aLocalSuiteListWithoutADefaultSuiteIsHardeningAndAnUnknownReleaseDecidesNothing() {
        List<String> trimmed = DefaultCipherSuites.of(20348L).orElseThrow().suites().stream()
                .filter(n -> !n.startsWith("TLS_RSA_")).toList();
        Importer.Imported i = imported(schannel(Evidence.host().item("os", "os", "{}", SERVER_2022), "")
                .item("local-cipher-suites", "registry", "{}", suites(trimmed)));
        assertEquals(true, i.facts().value("host.schannelHardened"));
        assertTrue(i.facts().sourceOf("host.schannelHardened").orElseThrow().contains("lacks 6 of the suites"),
                i.facts().sourceOf("host.schannelHardened").toString());

        Importer.Imported unknownRelease = imported(schannel(Evidence.host().item("os", "os", "{}",
                "\"result\":{\"caption\":\"Microsoft Windows 10 Enterprise\",\"build\":19045,\"ubr\":5131}"), "")
                .item("local-cipher-suites", "registry", "{}", suites(trimmed)));
        assertNull(unknownRelease.facts().value("host.schannelHardened"));
        FactsProblem p = unknownRelease.skipped().stream().filter(x -> x.message().contains("schannelHardened stays unknown")).findFirst().orElseThrow();
        assertTrue(p.message().contains("build 19045"), p.message());
        assertEquals(Evidence.FIRST_ITEM_LINE + 1, p.line(), "reported at the first SCHANNEL item");

        // A subkey that could not be read leaves "not hardened" unproven.
        Evidence denied = Evidence.host().item("os", "os", "{}", SERVER_2022);
        schannel(denied, "").item("local-cipher-suites", "registry", "{}", suites(DefaultCipherSuites.of(20348L).orElseThrow().suites()));
        String text = denied.json().replaceFirst("\"schannel-hashes\",\"kind\":\"registry-tree\",\"query\":\\{\\},\"result\":\\{\"keys\":\\[\\],\"values\":\\[\\]\\}",
                "\"schannel-hashes\",\"kind\":\"registry-tree\",\"query\":{},\"error\":{\"kind\":\"access-denied\",\"message\":\"Requested registry access is not allowed.\"}");
        Importer.Imported partly = Importer.of(List.of(EvidenceReader.read(text, "denied.json")), vocabulary(), "h");
        assertNull(partly.facts().value("host.schannelHardened"));
        assertTrue(partly.skipped().stream().anyMatch(x -> x.message().contains("schannel-hashes") && x.message().contains("access-denied")),
                partly.skipped().toString());
    }

    @Test
    void theAlertCodesComeFromTheEventsFirstValueOrItsSentence() {
        String events = "[{\"id\":36874,\"data\":[\"TLS 1.0\"]},{\"id\":36888,\"data\":[\"70\",\"1205\"]},"
                + "{\"id\":36888,\"message\":\"A fatal alert was generated and sent to the remote endpoint. The TLS protocol defined fatal alert code is 40.\"},"
                + "{\"id\":36888,\"data\":[\"70\",\"1205\"]}]";
        HostFacts f = imported(Evidence.host().item("system-events", "events", "{\"log\":\"System\"}", "\"result\":" + events)).facts();
        assertEquals(List.of(40, 70), f.value("host.schannelAlertCodes"));
        assertEquals(List.of(36874, 36888), f.value("host.eventIdsSeen"));

        HostFacts none = imported(Evidence.host().item("system-events", "events", "{}", "\"result\":[{\"id\":1058}]")).facts();
        assertEquals(List.of(), none.value("host.schannelAlertCodes"), "the log was read and holds no 36888");

        Importer.Imported odd = imported(Evidence.host().item("system-events", "events", "{}",
                "\"result\":[{\"id\":36888,\"data\":[\"999\"]},{\"id\":36888,\"data\":[\"40\"]}]"));
        assertEquals(List.of(40), odd.facts().value("host.schannelAlertCodes"));
        assertTrue(odd.skipped().stream().anyMatch(p -> p.message().contains("alert code 999") && p.line() == Evidence.FIRST_ITEM_LINE),
                odd.skipped().toString());
    }

    @Test
    void termServicesDependenciesGoIntoTheSourceOfItsState() {
        HostFacts f = imported(Evidence.host()
                .item("termservice", "service", "{\"name\":\"TermService\"}", "\"result\":{\"status\":\"Stopped\",\"startType\":\"Manual\"}")
                .item("termservice-dependencies", "service-dependencies", "{\"name\":\"TermService\"}",
                        "\"result\":[{\"name\":\"RpcSs\",\"status\":\"Stopped\",\"startType\":\"Disabled\"}]")).facts();
        assertEquals("stopped", f.value("host.termServiceState"));
        assertTrue(f.sourceOf("host.termServiceState").orElseThrow().contains("a service it depends on is not running: RpcSs Stopped (Disabled)"),
                f.provenance().toString());
    }
}
