package org.rdpdiag.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a facts file can be wrong, with the exact place and wording the user sees. */
class FactsReaderProblemsTest {

    static List<FactsProblem> problems(String text, String name) {
        FactsReader.Format format = name.endsWith(".json") ? FactsReader.Format.JSON : FactsReader.Format.YAML;
        return assertThrows(FactsException.class, () -> FactsReader.read(text, name, format)).problems();
    }

    static FactsProblem only(String text, String name) {
        List<FactsProblem> all = problems(text, name);
        assertEquals(1, all.size(), () -> "expected one problem, got " + all);
        return all.get(0);
    }

    static FactsProblem onlyOf(Path file) {
        List<FactsProblem> all = assertThrows(FactsException.class, () -> FactsReader.read(file)).problems();
        assertEquals(1, all.size(), () -> "expected one problem, got " + all);
        return all.get(0);
    }

    static void assertProblem(FactsProblem p, String file, int line, int column, String message, String suggestion) {
        assertEquals(file + ":" + line + ":" + column + " " + message + " / " + suggestion,
                p.file() + ":" + p.line() + ":" + p.column() + " " + p.message() + " / " + p.suggestion());
    }

    @Test
    void aProblemPrintsLikeACompilerMessage() {
        FactsProblem p = new FactsProblem("f.yaml", 3, 5, "unknown key 'x' in section 'host'", "did you mean 'os'?");
        assertEquals("f.yaml:3:5: error: unknown key 'x' in section 'host' (did you mean 'os'?)", p.toString());
        assertEquals("f.yaml:1:1: error: the file is empty", new FactsProblem("f.yaml", 1, 1, "the file is empty", null).toString());
    }

    @Test
    void allProblemsOfAFileAreReportedInFileOrder() {
        String text = """
                error:
                  mainCode: 0x904
                  timing: after-credentails
                host:
                  nlaRequired: "yes"
                  listenerPort: 70000
                  tls12ServerEnabld: true
                client:
                  tls12ServerEnabled: false
                """;
        List<FactsProblem> all = problems(text, "many.yaml");
        assertEquals(5, all.size(), all::toString);
        assertProblem(all.get(0), "many.yaml", 3, 11,
                "error.timing: \"after-credentails\" is not one of immediately, after-credentials, in-session",
                "did you mean 'after-credentials'?");
        assertProblem(all.get(1), "many.yaml", 5, 16, "host.nlaRequired: expected true or false, found string \"yes\"",
                "did you mean true?");
        assertProblem(all.get(2), "many.yaml", 6, 17, "host.listenerPort: 70000 is out of range: allowed 1 to 65535", null);
        assertProblem(all.get(3), "many.yaml", 7, 3, "unknown key 'tls12ServerEnabld' in section 'host'",
                "did you mean 'tls12ServerEnabled'?");
        assertProblem(all.get(4), "many.yaml", 9, 3, "unknown key 'tls12ServerEnabled' in section 'client'",
                "`tls12ServerEnabled` belongs under `host`");
        // The exception's message lists them all, one per line, as an editor expects.
        FactsException e = assertThrows(FactsException.class, () -> FactsReader.read(text, "many.yaml", FactsReader.Format.YAML));
        assertEquals(5, e.getMessage().lines().count());
        assertTrue(e.getMessage().endsWith("many.yaml:9:3: error: unknown key 'tls12ServerEnabled' in section 'client'"
                + " (`tls12ServerEnabled` belongs under `host`)"), e.getMessage());
    }

    @Nested
    class Malformed {
        @Test
        void yamlKeyWithoutColon() {
            String text = "host:\n  os: Windows Server 2019\n  nlaRequired\n  tls12ServerEnabled: true\n";
            assertProblem(only(text, "f.yaml"), "f.yaml", 3, 3, "expected ':' after a key", null);
        }

        @Test
        void yamlUnexpectedColon() {
            String text = "host:\n  os: x\n   nlaRequired: true\n";
            assertProblem(only(text, "f.yaml"), "f.yaml", 3, 15, "unexpected ':'",
                    "a line above may lack a ':' after its key, or a value containing ': ' needs quotes");
        }

        @Test
        void yamlBadIndentation() {
            String text = "host:\n    os: x\n  nlaRequired: true\n";
            assertProblem(only(text, "f.yaml"), "f.yaml", 3, 3, "the indentation does not match the lines above",
                    "keys of one section must start in the same column");
        }

        @Test
        void yamlTabIndentation() {
            assertProblem(only("host:\n\tos: x\n", "f.yaml"), "f.yaml", 2, 1,
                    "a tab character cannot be used for indentation", "indent with spaces");
        }

        @Test
        void yamlUnclosedQuote() {
            assertProblem(only("error:\n  dialogText: \"This computer can't\n  timing: in-session\n", "f.yaml"),
                    "f.yaml", 2, 15, "a quoted value is not closed", "add the closing quote");
        }

        @Test
        void yamlUnclosedFlowMapping() {
            assertProblem(only("host: {os: x\nclient: {}\n", "f.yaml"), "f.yaml", 2, 7,
                    "expected ',' or '}' in the { } mapping that starts at line 1", null);
        }

        @Test
        void jsonMissingColon() {
            assertProblem(only("{\"host\": {\"os\" \"x\"}}", "f.json"), "f.json", 1, 16, "expected ':' after a key", null);
        }

        @Test
        void jsonTrailingComma() {
            assertProblem(only("{\n  \"host\": {\"os\": \"x\"},\n}\n", "f.json"), "f.json", 3, 1,
                    "a ',' must not come before '}'", "remove the trailing comma");
        }

        @Test
        void jsonComment() {
            assertProblem(only("{\n  // copied from the VM\n  \"host\": {}\n}", "f.json"), "f.json", 2, 3,
                    "comments are not allowed in JSON",
                    "remove the comment, or write the facts as YAML, which allows '#' comments");
        }

        @Test
        void jsonUnclosedObject() {
            assertProblem(only("{\"host\": {\"os\": \"x\"}", "f.json"), "f.json", 1, 21, "the file ends before the closing '}'", null);
        }

        @Test
        void jsonSingleQuotes() {
            assertProblem(only("{\"host\": {'os': 'x'}}", "f.json"), "f.json", 1, 11, "expected a key in double quotes", null);
        }

        @Test
        void jsonContentAfterTheObject() {
            assertProblem(only("{\"host\": {}}\n{\"client\": {}}\n", "f.json"), "f.json", 2, 1,
                    "unexpected content after the end of the top-level value", "a facts file holds one JSON object");
        }
    }

    @Nested
    class UnknownKeys {
        @Test
        void aTypoInASectionSuggestsTheClosestKey() {
            assertProblem(only("host:\n  nlaRequred: true\n", "f.yaml"), "f.yaml", 2, 3,
                    "unknown key 'nlaRequred' in section 'host'", "did you mean 'nlaRequired'?");
        }

        @Test
        void caseMistakesAreTypos() {
            assertProblem(only("{\"client\": {\"UdpDisabled\": true}}", "f.json"), "f.json", 1, 13,
                    "unknown key 'UdpDisabled' in section 'client'", "did you mean 'udpDisabled'?");
        }

        @Test
        void aKeyOfAnotherSectionSaysWhereItBelongs() {
            assertProblem(only("client:\n  os: Windows 11\n  tls12ServerEnabled: false\n", "f.yaml"), "f.yaml", 3, 3,
                    "unknown key 'tls12ServerEnabled' in section 'client'", "`tls12ServerEnabled` belongs under `host`");
        }

        @Test
        void aKeyOfTwoOtherSectionsNamesBoth() {
            assertProblem(only("gateway: {osBuild: 17763}", "f.yaml"), "f.yaml", 1, 11,
                    "unknown key 'osBuild' in section 'gateway'", "`osBuild` belongs under `client` or `host`");
        }

        @Test
        void aFieldAtTheTopLevelSaysWhichSectionItBelongsTo() {
            assertProblem(only("error: {}\nnlaRequired: true\n", "f.yaml"), "f.yaml", 2, 1,
                    "unknown top-level key 'nlaRequired'", "`nlaRequired` belongs under `host`");
        }

        @Test
        void aMisspelledSectionSuggestsTheSection() {
            assertProblem(only("hots:\n  os: x\n", "f.yaml"), "f.yaml", 1, 1, "unknown top-level key 'hots'", "did you mean 'host'?");
        }

        @Test
        void aTypoOfAnotherSectionsKeyPointsThere() {
            assertProblem(only("client: {vpnInUs: true}", "f.yaml"), "f.yaml", 1, 10,
                    "unknown key 'vpnInUs' in section 'client'", "did you mean 'vpnInUse' under 'network'?");
        }

        @Test
        void anUnrelatedKeyGetsNoGuess() {
            assertProblem(only("host: {colour: blue}", "f.yaml"), "f.yaml", 1, 8, "unknown key 'colour' in section 'host'", null);
        }
    }

    @Nested
    class WrongTypes {
        @Test
        void yesIsNotABoolean() {
            assertProblem(only("host:\n  nlaRequired: yes\n", "f.yaml"), "f.yaml", 2, 16,
                    "host.nlaRequired: expected true or false, found string \"yes\"", "did you mean true?");
        }

        @Test
        void offIsNotABooleanEither() {
            assertProblem(only("{\"client\": {\"udpDisabled\": \"off\"}}", "f.json"), "f.json", 1, 28,
                    "client.udpDisabled: expected true or false, found string \"off\"", "did you mean false?");
        }

        @Test
        void aQuotedBooleanIsAString() {
            assertProblem(only("gateway: {inPath: 'false'}", "f.yaml"), "f.yaml", 1, 19,
                    "gateway.inPath: expected true or false, found string \"false\"", "did you mean false, without quotes?");
        }

        @Test
        void aRegistryNumberIsNotABoolean() {
            // fDenyTSConnections=1 means disabled: no guess, the meaning is inverted.
            assertProblem(only("host: {remoteDesktopEnabled: 1}", "f.yaml"), "f.yaml", 1, 30,
                    "host.remoteDesktopEnabled: expected true or false, found number 1", null);
        }

        @Test
        void aQuotedNumber() {
            assertProblem(only("host:\n  listenerPort: \"3389\"\n", "f.yaml"), "f.yaml", 2, 17,
                    "host.listenerPort: expected a whole number, found string \"3389\"", "did you mean 3389, without quotes?");
        }

        @Test
        void aFractionForAWholeNumber() {
            assertProblem(only("network: {latencyMs: 12.5}", "f.yaml"), "f.yaml", 1, 22,
                    "network.latencyMs: expected a whole number, found number 12.5", null);
        }

        @Test
        void aVersionThatLooksLikeANumber() {
            assertProblem(only("client: {applicationVersion: 10.0}", "f.yaml"), "f.yaml", 1, 30,
                    "client.applicationVersion: expected text, found number 10.0", "put it in quotes: \"10.0\"");
        }

        @Test
        void aSingleEventInsteadOfAList() {
            assertProblem(only("host: {eventIdsSeen: 36871}", "f.yaml"), "f.yaml", 1, 22,
                    "host.eventIdsSeen: expected a list, found number 36871", "did you mean [36871]?");
        }

        @Test
        void anEmptyValueIsNotUnknown() {
            assertProblem(only("host:\n  nlaRequired:\n", "f.yaml"), "f.yaml", 2, 15,
                    "host.nlaRequired: expected true or false, found an empty value",
                    "leave the key out when the value is unknown");
        }

        @Test
        void aCodeThatIsNotACode() {
            assertProblem(only("error: {mainCode: 0x904h}", "f.yaml"), "f.yaml", 1, 19,
                    "error.mainCode: expected an error code such as 0x904 or 2308, found string \"0x904h\"", null);
        }

        @Test
        void aSectionThatIsNotAMapping() {
            assertProblem(only("{\"host\": [\"nlaRequired\"]}", "f.json"), "f.json", 1, 10,
                    "host: expected a mapping, found a list", null);
        }

        @Test
        void anIdThatIsNotText() {
            assertProblem(only("id: 42\n", "f.yaml"), "f.yaml", 1, 5, "id: expected text, found number 42", "put it in quotes: \"42\"");
        }
    }

    @Nested
    class AllowedValues {
        @Test
        void aValueOutsideTheSetListsTheSetAndSuggests() {
            assertProblem(only("host:\n  termServiceState: Running\n", "f.yaml"), "f.yaml", 2, 21,
                    "host.termServiceState: \"Running\" is not one of running, stopped, disabled", "did you mean 'running'?");
        }

        @Test
        void anUnderscoreInsteadOfAHyphen() {
            assertProblem(only("{\"client\": {\"delegationPolicy\": \"require_restricted_admin\"}}", "f.json"), "f.json", 1, 33,
                    "client.delegationPolicy: \"require_restricted_admin\" is not one of not-configured, "
                            + "prefer-remote-credential-guard, require-remote-credential-guard, require-restricted-admin",
                    "did you mean 'require-restricted-admin'?");
        }

        @Test
        void aFarOffValueGetsNoGuess() {
            assertProblem(only("network: {vpnProtocol: pptp}", "f.yaml"), "f.yaml", 1, 24,
                    "network.vpnProtocol: \"pptp\" is not one of wireguard, openvpn-udp, openvpn-tcp, ikev2, sstp, l2tp, ssl-vpn, other",
                    null);
        }

        @Test
        void anEventTheToolDoesNotRead() {
            assertProblem(only("host:\n  eventIdsSeen: [1057, 36781]\n", "f.yaml"), "f.yaml", 2, 24,
                    "host.eventIdsSeen[1]: 36781 is not one of 1057, 1058, 36870, 36871, 36872, 36874, 36888", "did you mean 36871?");
            assertProblem(only("host:\n  eventIdsSeen: [4625]\n", "f.yaml"), "f.yaml", 2, 18,
                    "host.eventIdsSeen[0]: 4625 is not one of 1057, 1058, 36870, 36871, 36872, 36874, 36888", null);
        }

        @Test
        void anEventListedTwice() {
            assertProblem(only("host:\n  eventIdsSeen: [36870, 1058, 36870]\n", "f.yaml"), "f.yaml", 2, 31,
                    "host.eventIdsSeen: 36870 is listed more than once", "list each value once");
        }
    }

    @Nested
    class Ranges {
        @Test
        void portAboveTheRange() {
            assertProblem(only("{\"host\": {\"listenerPort\": 70000}}", "f.json"), "f.json", 1, 27,
                    "host.listenerPort: 70000 is out of range: allowed 1 to 65535", null);
        }

        @Test
        void percentageAboveHundred() {
            assertProblem(only("network: {packetLossPct: 150.5}", "f.yaml"), "f.yaml", 1, 26,
                    "network.packetLossPct: 150.5 is out of range: allowed 0 to 100", null);
        }

        @Test
        void negativeCount() {
            assertProblem(only("host: {activeSessions: -1}", "f.yaml"), "f.yaml", 1, 24,
                    "host.activeSessions: -1 is out of range: allowed 0 to 2147483647", null);
        }

        @Test
        void encryptionLevelAboveFips() {
            assertProblem(only("host: {minEncryptionLevel: 5}", "f.yaml"), "f.yaml", 1, 28,
                    "host.minEncryptionLevel: 5 is out of range: allowed 1 to 4", null);
        }

        @Test
        void registryNoLimitDoesNotFitAnInteger() {
            assertProblem(only("host: {connectionLimit: 4294967295}", "f.yaml"), "f.yaml", 1, 25,
                    "host.connectionLimit: 4294967295 is out of range: allowed 0 to 2147483647", null);
        }

        @Test
        void aHexCodeTooLarge() {
            assertProblem(only("error: {extendedCode: \"0xFFFFFFFF\"}", "f.yaml"), "f.yaml", 1, 23,
                    "error.extendedCode: 0xFFFFFFFF is out of range: allowed 0 to 2147483647", null);
        }

        @Test
        void infinityIsNotANumber() {
            assertProblem(only("network: {bandwidthMbps: .inf}", "f.yaml"), "f.yaml", 1, 26,
                    "network.bandwidthMbps: expected a number, found number .inf", null);
        }
    }

    @Nested
    class Shape {
        @Test
        void emptyFile() {
            assertProblem(only("", "f.yaml"), "f.yaml", 1, 1,
                    "the file is empty: expected a mapping with sections error, client, host, network, gateway", null);
        }

        @Test
        void onlyComments() {
            assertProblem(only("# facts for vm-042\n\n# to be filled in\n", "f.yaml"), "f.yaml", 1, 1,
                    "the file is empty: expected a mapping with sections error, client, host, network, gateway", null);
        }

        @Test
        void onlyADocumentMarker() {
            assertProblem(only("---\n", "f.yaml"), "f.yaml", 1, 1,
                    "the file is empty: expected a mapping with sections error, client, host, network, gateway", null);
        }

        @Test
        void blankJson() {
            assertProblem(only("  \n", "f.json"), "f.json", 1, 1,
                    "the file is empty: expected a mapping with sections error, client, host, network, gateway", null);
        }

        @Test
        void aListAtTheTopLevel() {
            assertProblem(only("- host: {}\n", "f.yaml"), "f.yaml", 1, 1,
                    "the top level must be a mapping with the sections error, client, host, network, gateway; found a list", null);
        }

        @Test
        void aScalarAtTheTopLevel() {
            assertProblem(only("\n\"just text\"", "f.json"), "f.json", 2, 1,
                    "the top level must be a mapping with the sections error, client, host, network, gateway; "
                            + "found string \"just text\"", null);
        }

        @Test
        void twoYamlDocuments() {
            assertProblem(only("host: {os: a}\n---\nhost: {os: b}\n", "f.yaml"), "f.yaml", 2, 1,
                    "the file holds more than one YAML document ('---' starts a new one); a facts file is a single document",
                    "remove the '---' line or split the file");
        }

        @Test
        void duplicateYamlKeys() {
            assertProblem(only("host:\n  os: a\n  nlaRequired: true\n  os: b\n", "f.yaml"), "f.yaml", 4, 3,
                    "duplicate key 'os' in section 'host'; it was already given at line 2, column 3", "keep only one of them");
        }

        @Test
        void duplicateJsonSections() {
            assertProblem(only("{\"host\": {},\n \"host\": {}}", "f.json"), "f.json", 2, 2,
                    "duplicate key 'host' at the top level; it was already given at line 1, column 2", "keep only one of them");
        }

        @Test
        void aNumberAsKey() {
            assertProblem(only("host:\n  36870: true\n", "f.yaml"), "f.yaml", 2, 3,
                    "a key must be a name, found number 36870", "put the key in quotes if it is meant as a name");
        }

        @Test
        void aListAsKey() {
            assertProblem(only("host:\n  ? [os, osBuild]\n  : x\n", "f.yaml"), "f.yaml", 2, 5, "a key must be a name, found a list", null);
        }

        @Test
        void aBooleanAsKey() {
            assertProblem(only("true: 1\n", "f.yaml"), "f.yaml", 1, 1, "a key must be a name, found true",
                    "put the key in quotes if it is meant as a name");
        }

        @Test
        void yamlTagsAreRefused() {
            assertProblem(only("host: {os: !!binary d2lu}", "f.yaml"), "f.yaml", 1, 12,
                    "the YAML tag '!!binary' is not allowed in facts files", null);
        }

        @Test
        void deepNestingIsRefusedWithoutRecursing() {
            String deep = "host: {os: " + "[".repeat(200_000) + "]".repeat(200_000) + "}";
            FactsProblem p = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> only(deep, "f.yaml"));
            assertProblem(p, "f.yaml", 1, 18, "nested more than 8 levels deep; a facts file is at most three levels deep", null);
            String deepJson = "{\"host\": " + "[".repeat(200_000) + "]".repeat(200_000) + "}";
            p = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> only(deepJson, "f.json"));
            assertProblem(p, "f.json", 1, 17, "nested more than 8 levels deep; a facts file is at most three levels deep", null);
        }

        @Test
        void aFloodOfProblemsIsCut() {
            StringBuilder text = new StringBuilder("host:\n");
            for (int i = 0; i < 250; i++) {
                text.append("  unknown").append(i).append(": 1\n");
            }
            List<FactsProblem> all = problems(text.toString(), "f.yaml");
            assertEquals(Problems.LIMIT + 1, all.size());
            assertProblem(all.get(Problems.LIMIT), "f.yaml", 102, 3, "150 more problems not shown", null);
        }
    }

    @Nested
    class AnchorsAndAliases {
        @Test
        void anAnchorIsRefusedWhereItIsWritten() {
            List<FactsProblem> all = problems("client:\n  os: &win Windows 11\nhost:\n  os: *win\n", "f.yaml");
            assertEquals(2, all.size(), all::toString);
            assertProblem(all.get(0), "f.yaml", 2, 7, "anchors and aliases are not allowed in facts files",
                    "remove '&win' and write values out in full");
            assertProblem(all.get(1), "f.yaml", 4, 7, "anchors and aliases are not allowed in facts files",
                    "write the value out in full");
        }

        @Test
        void aMergeKeyIsRefused() {
            List<FactsProblem> all = problems("base: &b {os: x}\nhost:\n  <<: *b\n", "f.yaml");
            assertTrue(all.stream().anyMatch(p -> p.line() == 3 && p.column() == 7
                    && p.message().equals("anchors and aliases are not allowed in facts files")), all::toString);
        }

        @Test
        void billionLaughsIsRefusedFastWithoutExpanding() {
            // Nine levels of nine aliases each: 9^9 (387 million) "lol"s if anything expanded them.
            StringBuilder text = new StringBuilder("lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for (int level = 1; level <= 9; level++) {
                text.append("lol").append(level).append(": &l").append(level).append(" [");
                for (int i = 0; i < 9; i++) {
                    text.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
                }
                text.append("]\n");
            }
            text.append("host:\n  os: *l9\n");
            List<FactsProblem> all = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> problems(text.toString(), "laughs.yaml"));
            assertProblem(all.get(0), "laughs.yaml", 1, 1, "unknown top-level key 'lol0'", null);
            assertProblem(all.get(1), "laughs.yaml", 1, 7, "anchors and aliases are not allowed in facts files",
                    "remove '&l0' and write values out in full");
            assertProblem(all.get(3), "laughs.yaml", 2, 7, "anchors and aliases are not allowed in facts files",
                    "remove '&l1' and write values out in full");
            assertProblem(all.get(4), "laughs.yaml", 2, 12, "anchors and aliases are not allowed in facts files",
                    "write the value out in full");
            // 10 unknown keys, 10 anchors and 82 aliases: more than are shown.
            assertEquals(Problems.LIMIT + 1, all.size());
            assertEquals("2 more problems not shown", all.get(Problems.LIMIT).message());
        }
    }

    @Nested
    class FilesOnDisk {
        @Test
        void aMissingFile(@TempDir Path dir) {
            Path file = dir.resolve("nope.yaml");
            assertProblem(onlyOf(file), file.toString(), 1, 1, "no such file", null);
        }

        @Test
        void aDirectory(@TempDir Path dir) {
            assertProblem(onlyOf(dir), dir.toString(), 1, 1, "this is a directory, not a facts file", null);
        }

        @Test
        void aFortyMegabyteFileIsRefusedBeforeReading(@TempDir Path dir) throws Exception {
            Path big = dir.resolve("big.yaml");
            try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
                f.setLength(40L * 1024 * 1024); // all NUL bytes: had it been read, it would be "not a text file"
            }
            FactsProblem p = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> onlyOf(big));
            assertProblem(p, big.toString(), 1, 1, "the file is 40.0 MB; a facts file is at most 1 MiB", null);
        }

        @Test
        void justOverTheLimitSaysTheBytes(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("over.yaml");
            Files.writeString(file, "#".repeat(FactsReader.MAX_BYTES + 1));
            assertProblem(onlyOf(file), file.toString(), 1, 1,
                    "the file is 1.0 MB (1048577 bytes); a facts file is at most 1 MiB", null);
        }

        @Test
        void aLargeStringIsRefusedToo() {
            assertProblem(only("#".repeat(3 * 1024 * 1024), "stdin"), "stdin", 1, 1,
                    "the file is 3.0 MB; a facts file is at most 1 MiB", null);
        }

        @Test
        void nulBytesMeanBinary(@TempDir Path dir) throws Exception {
            Path file = Files.write(dir.resolve("facts.yaml"), new byte[] {'h', 'o', 's', 't', ':', '\n', ' ', 0, 1, 2});
            assertProblem(onlyOf(file), file.toString(), 2, 2, "not a text file: it contains NUL bytes", null);
        }

        @Test
        void invalidUtf8MeansBinary(@TempDir Path dir) throws Exception {
            Path file = Files.write(dir.resolve("facts.yaml"), new byte[] {'o', 's', ':', ' ', (byte) 0xC3, '('});
            assertProblem(onlyOf(file), file.toString(), 1, 5, "not a text file: invalid UTF-8 at byte 4", null);
        }

        @Test
        void utf16IsNamedAsSuch(@TempDir Path dir) throws Exception {
            Path file = Files.write(dir.resolve("facts.yaml"), "host: {}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
            // Without a byte order mark UTF-16 text is full of NUL bytes.
            assertProblem(onlyOf(file), file.toString(), 1, 2, "not a text file: it contains NUL bytes", null);
            byte[] withBom = {(byte) 0xFF, (byte) 0xFE, 'h', 0, ':', 0};
            Path marked = Files.write(dir.resolve("marked.yaml"), withBom);
            assertProblem(onlyOf(marked), marked.toString(), 1, 1, "not a UTF-8 text file: it is encoded as UTF-16",
                    "save it as UTF-8, e.g. with Out-File -Encoding utf8 in PowerShell");
        }

        @Test
        void controlCharactersInAStringMeanBinary() {
            assertProblem(only("host:\n  os: x\u0007\n", "f.yaml"), "f.yaml", 2, 8,
                    "not a text file: it contains the control character U+0007", null);
        }

        @Test
        void noStackTraceReachesTheUser() {
            FactsException e = assertThrows(FactsException.class,
                    () -> FactsReader.read("host: [", "f.yaml", FactsReader.Format.YAML));
            assertNull(e.getCause());
            assertEquals("f.yaml:1:8: error: the file ends where more was expected (close every '[' and '{' that is opened)",
                    e.getMessage());
        }
    }
}
