package org.rdpdiag.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading good facts files: both formats, code forms, ids, and what "unknown" turns into. */
class FactsReaderTest {

    static Path fixture(String name) {
        try {
            return Path.of(FactsReaderTest.class.getResource("/facts/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void yamlAndJsonWithTheSameContentGiveEqualFacts() {
        HostFacts yaml = FactsReader.read(fixture("complete.yaml"));
        HostFacts json = FactsReader.read(fixture("complete.json"));
        assertEquals(yaml, json);
    }

    @Test
    void everyFieldOfTheCompleteFixtureIsBound() {
        HostFacts facts = FactsReader.read(fixture("complete.yaml"));
        assertEquals("complete", facts.id());
        assertEquals(2308, facts.error().mainCode());
        assertEquals(7, facts.error().extendedCode());
        assertEquals("after-credentials", facts.error().timing());
        assertEquals("10.0.26100.1", facts.value("client.applicationVersion"));
        assertEquals(List.of(1057, 36870), facts.value("host.eventIdsSeen"));
        assertEquals(2147483647, facts.value("host.connectionLimit"));
        assertEquals(0.5, facts.value("network.packetLossPct"));
        assertEquals(95.5, facts.value("network.bandwidthMbps"));
        assertEquals(false, facts.value("gateway.inPath"));
        // No observation of the fixture is left unknown, so nothing went unbound.
        for (String path : org.rdpdiag.facts.Vocabulary.bundled().paths()) {
            if (facts.value(path) == null) {
                throw new AssertionError(path + " was not bound");
            }
        }
    }

    @ParameterizedTest(name = "YAML mainCode: {0}")
    @ValueSource(strings = {"\"0x904\"", "'2308'", "2308", "0x904", "\"0X904\"", "'0x00000904'"})
    void everyYamlCodeFormGivesTheSameNumber(String written) {
        HostFacts facts = FactsReader.read("error:\n  mainCode: " + written + "\n  extendedCode: 0x7\n",
                "codes.yaml", FactsReader.Format.YAML);
        assertEquals(2308, facts.error().mainCode());
        assertEquals(7, facts.error().extendedCode());
    }

    @ParameterizedTest(name = "JSON mainCode: {0}")
    @ValueSource(strings = {"\"0x904\"", "\"2308\"", "2308"})
    void everyJsonCodeFormGivesTheSameNumber(String written) {
        HostFacts facts = FactsReader.read("{\"error\": {\"mainCode\": " + written + ", \"extendedCode\": \"7\"}}",
                "codes.json", FactsReader.Format.JSON);
        assertEquals(2308, facts.error().mainCode());
        assertEquals(7, facts.error().extendedCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void charactersOutsideTheBasicPlaneAreReadWhereverTheyFall(int padding) {
        // 600 emoji: one of them straddles every read boundary of the YAML parser for some padding.
        String text = "\uD83D\uDDA5".repeat(600);
        HostFacts facts = FactsReader.read("id: " + "x".repeat(padding + 1) + "\nerror:\n  dialogText: \"" + text + "\"\n",
                "emoji.yaml", FactsReader.Format.YAML);
        assertEquals(text, facts.error().dialogText());
    }

    @Test
    void absentSectionsAndKeysAreUnknown() {
        HostFacts facts = FactsReader.read("host:\n  nlaRequired: false\n", "partial.yaml", FactsReader.Format.YAML);
        assertEquals(false, facts.value("host.nlaRequired"));
        assertNull(facts.value("host.eventIdsSeen"), "absent list: the log was not checked");
        assertEquals(ErrorReport.UNKNOWN, facts.error());
        assertEquals(HostFacts.of(Vocabulary.bundled(), "partial", java.util.Map.of("host.nlaRequired", false)), facts,
                "nothing else is known");
    }

    @Test
    void aSectionWithEveryLineCommentedOutIsUnknown() {
        HostFacts facts = FactsReader.read("gateway:\n#  inPath: true\nhost: {}\n", "template.yaml", FactsReader.Format.YAML);
        assertEquals(HostFacts.unknown(Vocabulary.bundled(), "template"), facts);
    }

    @Test
    void anEmptyEventListMeansCheckedAndNoneSeen() {
        HostFacts facts = FactsReader.read("host: {eventIdsSeen: []}", "events.yaml", FactsReader.Format.YAML);
        assertEquals(List.of(), facts.value("host.eventIdsSeen"));
    }

    @Test
    void anEmptyMappingIsAllUnknown() {
        assertEquals(HostFacts.unknown(org.rdpdiag.facts.Vocabulary.bundled(), "empty-map"), FactsReader.read(" {}", "empty-map.json", FactsReader.Format.JSON));
        assertEquals(HostFacts.unknown(org.rdpdiag.facts.Vocabulary.bundled(), "empty-map"), FactsReader.read("{}\n", "empty-map.yaml", FactsReader.Format.YAML));
    }

    @Test
    void theIdInTheFileWins() {
        HostFacts facts = FactsReader.read("id: vm-042 2025-01-05\nhost: {}\n", "x.yaml", FactsReader.Format.YAML);
        assertEquals("vm-042 2025-01-05", facts.id());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "host-a.yaml, host-a",
        "dir/sub/host-b.json, host-b",
        "C:\\facts\\host-c.yml, host-c",
        "rules/cases/tls12-off.yaml#facts, tls12-off",
        "<stdin>, <stdin>",
        "a.b.yaml, a.b"})
    void theIdDefaultsToTheFileNameWithoutExtension(String source, String id) {
        assertEquals(id, FactsReader.read("{}", source, FactsReader.Format.YAML).id());
    }

    @Test
    void pathsChooseTheFormatByExtensionAndOtherwiseByContent(@TempDir Path dir) throws Exception {
        // Valid as YAML, but not as JSON: so the .yaml file must be read as YAML.
        Path yaml = Files.writeString(dir.resolve("flow.yaml"), "{host: {os: x}}");
        assertEquals("x", FactsReader.read(yaml).value("host.os"));
        // Same text named .json is read as JSON and fails there.
        Path json = Files.writeString(dir.resolve("flow.json"), "{host: {os: x}}");
        FactsProblem p = assertThrows(FactsException.class, () -> FactsReader.read(json)).problems().get(0);
        assertEquals("expected a key in double quotes", p.message());
        // No known extension: a leading '{' means JSON ...
        Path sniffedJson = Files.writeString(dir.resolve("facts.txt"), "\n  {\"host\" {}}");
        p = assertThrows(FactsException.class, () -> FactsReader.read(sniffedJson)).problems().get(0);
        assertEquals("expected ':' after a key", p.message());
        assertEquals(2, p.line());
        assertEquals(11, p.column());
        // ... anything else YAML.
        Path sniffedYaml = Files.writeString(dir.resolve("facts"), "host:\n  os: y\n");
        HostFacts facts = FactsReader.read(sniffedYaml);
        assertEquals("y", facts.value("host.os"));
        assertEquals("facts", facts.id());
    }

    @Test
    void aNullFormatIsDecidedByTheContent() {
        assertEquals("j", FactsReader.read("{\"host\": {\"os\": \"j\"}}", "in", null).value("host.os"));
        assertEquals("y", FactsReader.read("host: {os: y}", "in", null).value("host.os"));
    }

    @Test
    void byteOrderMarkAndWindowsLineEndingsAreAccepted(@TempDir Path dir) throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "host:\r\n  os: Windows Server 2022\r\n  nlaRequired: true\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        HostFacts facts = FactsReader.read(Files.write(dir.resolve("notepad.yaml"), all));
        assertEquals("Windows Server 2022", facts.value("host.os"));
        assertEquals(true, facts.value("host.nlaRequired"));
    }

    @Test
    void yamlTwelveRulesApply() {
        // YAML 1.2 core schema: True is a boolean, 0x7 a number, 1e2 a float (a whole one, fine for an integer).
        HostFacts facts = FactsReader.read("host: {nlaRequired: True, listenerPort: 3389.0}\nnetwork: {packetLossPct: 1e1}\n",
                "core.yaml", FactsReader.Format.YAML);
        assertEquals(true, facts.value("host.nlaRequired"));
        assertEquals(3389, facts.value("host.listenerPort"));
        assertEquals(10.0, facts.value("network.packetLossPct"));
    }

    @Test
    void numbersForDoubleFieldsMayBeWhole() {
        HostFacts facts = FactsReader.read("{\"network\": {\"packetLossPct\": 2, \"bandwidthMbps\": 100}}",
                "n.json", FactsReader.Format.JSON);
        assertEquals(2.0, facts.value("network.packetLossPct"));
        assertEquals(100.0, facts.value("network.bandwidthMbps"));
    }
}
