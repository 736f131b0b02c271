package org.rdpdiag.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sources a facts file gives for its values: read, checked where they stand, kept. */
class ProvenanceTest {

    private static HostFacts read(String yaml) {
        return FactsReader.read(yaml, "p.yaml", FactsReader.Format.YAML);
    }

    @Test
    void aSourceIsKeptForItsFact() {
        HostFacts f = read("host:\n  nlaRequired: true\nprovenance:\n  - {fact: host.nlaRequired, source: \"registry X = 1, read 2026-12-01T10:02Z\"}\n");
        assertEquals("registry X = 1, read 2026-12-01T10:02Z", f.sourceOf("host.nlaRequired").orElseThrow());
    }

    @Test
    void aSourceForAFactWithoutAValueIsRefusedAtItsEntry() {
        FactsException e = assertThrows(FactsException.class, () -> read(
                "host:\n  nlaRequired: true\nprovenance:\n  - {fact: host.nlaRequired, source: a}\n  - {fact: host.fipsEnabled, source: b}\n"));
        FactsProblem p = e.problems().get(0);
        assertEquals(5, p.line());
        assertTrue(p.message().contains("host.fipsEnabled has a source"), p.message());
    }

    @Test
    void aSecondSourceForOneFactIsRefused() {
        FactsException e = assertThrows(FactsException.class, () -> read(
                "host:\n  nlaRequired: true\nprovenance:\n  - {fact: host.nlaRequired, source: a}\n  - {fact: host.nlaRequired, source: b}\n"));
        assertEquals(5, e.problems().get(0).line());
        assertTrue(e.problems().get(0).message().contains("second source"));
    }

    @Test
    void anUndeclaredFactOrABlankSourceIsRefusedByTheSchema() {
        FactsException e = assertThrows(FactsException.class, () -> read(
                "host:\n  nlaRequired: true\nprovenance:\n  - {fact: host.nlaRequird, source: a}\n"));
        assertEquals(4, e.problems().get(0).line());
        FactsException blank = assertThrows(FactsException.class, () -> read(
                "host:\n  nlaRequired: true\nprovenance:\n  - {fact: host.nlaRequired, source: \" \"}\n"));
        assertEquals(4, blank.problems().get(0).line());
    }

    @Test
    void anAnswerThatReplacesAValueDropsItsOldSource() {
        HostFacts f = read("host:\n  nlaRequired: true\nprovenance:\n  - {fact: host.nlaRequired, source: a}\n");
        HostFacts answered = f.without(java.util.Set.of("host.nlaRequired")).with("host.nlaRequired", false);
        assertTrue(answered.sourceOf("host.nlaRequired").isEmpty());
    }
}
