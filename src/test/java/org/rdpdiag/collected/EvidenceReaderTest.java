package org.rdpdiag.collected;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsProblem;

/** Files that are not evidence this version reads are refused, located; a bad item loses only itself. */
class EvidenceReaderTest {

    private static FactsProblem refused(String text) {
        FactsException e = assertThrows(FactsException.class, () -> EvidenceReader.read(text, "e.json"));
        return e.problems().get(0);
    }

    @Test
    void aFactsFileIsNotEvidenceAndTheMessageSaysWhereItBelongs() {
        FactsProblem p = refused("{\"id\": \"h1\",\n \"host\": {\"nlaRequired\": true}}");
        assertEquals(1, p.line());
        assertTrue(p.message().contains("no 'format' key"), p.message());
        assertTrue(p.suggestion().contains("rdpdiag diagnose"), p.suggestion());
    }

    @Test
    void aForeignFormatIsNamedAtItsPlace() {
        FactsProblem p = refused("{\n  \"format\": \"msrd-collect\", \"version\": 1}");
        assertEquals(2, p.line());
        assertEquals(13, p.column());
        assertTrue(p.message().contains("'msrd-collect'"), p.message());
    }

    @Test
    void aNewerVersionAsksForANewerRdpdiag() {
        FactsProblem p = refused("{\"format\":\"rdpdiag-evidence\",\n\"version\":2,\"side\":\"host\",\"collectedAt\":\"x\",\"items\":[]}");
        assertEquals(2, p.line());
        assertTrue(p.message().contains("version 2 is newer"), p.message());
        assertTrue(p.suggestion().contains("update rdpdiag"), p.suggestion());
    }

    @Test
    void everyMissingPartOfTheEnvelopeIsReportedAtOnce() {
        FactsException e = assertThrows(FactsException.class,
                () -> EvidenceReader.read("{\"format\":\"rdpdiag-evidence\",\"version\":1,\"side\":\"server\"}", "e.json"));
        String all = e.getMessage();
        assertTrue(all.contains("'side': 'host' or 'client'"), all);
        assertTrue(all.contains("'collectedAt'"), all);
        assertTrue(all.contains("'items'"), all);
    }

    @Test
    void brokenJsonGetsTheFactsReadersLocatedSyntaxError() {
        FactsProblem p = refused("{\"format\":\"rdpdiag-evidence\",\n\"version\":1,,}");
        assertEquals(2, p.line());
        assertTrue(p.toString().startsWith("e.json:2:"), p.toString());
    }

    @Test
    void anItemWithoutAnIdIsRefusedAtItsLineAndTheOthersAreRead() {
        String text = Evidence.host()
                .item("termservice", "service", "{\"name\":\"TermService\"}", "\"result\":{\"status\":\"Running\",\"startType\":\"Manual\"}")
                .item("", "registry", "{}", "\"result\":{\"value\":1}")
                .item("rdp-port", "registry", "{\"path\":\"p\",\"name\":\"PortNumber\"}", "\"result\":{\"type\":\"REG_DWORD\",\"value\":3389}")
                .json();
        EvidenceReader.Read read = EvidenceReader.read(text, "e.json");
        assertEquals(2, read.file().items().size());
        assertEquals(1, read.refused().size());
        assertEquals(Evidence.FIRST_ITEM_LINE + 1, read.refused().get(0).line());
        assertEquals("termservice", read.file().items().get(0).id());
        assertEquals(Evidence.FIRST_ITEM_LINE + 2, read.file().items().get(1).line());
    }
}
