package org.rdpdiag.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The closest-name suggestions behind "did you mean ...?". */
class FactsHintsTest {
    private static final List<String> HOST = List.copyOf(
            org.rdpdiag.facts.Vocabulary.bundled().paths().stream().filter(p -> p.startsWith("host.")).map(p -> p.substring(5)).toList());

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "nlaRequred, nlaRequired",          // a letter missing
        "nlaRequiredd, nlaRequired",        // a letter too many
        "NLARequired, nlaRequired",         // case only
        "listnerPort, listenerPort",
        "tlsServerEnabled, tls12ServerEnabled",
        "eventIdSeen, eventIdsSeen",
        "certificateSate, certificateState",
        "lisenerProt, listenerPort",        // a missing letter plus two swapped ones
        "colour, ''",                       // unrelated: no guess
        "a, ''",                            // too short to guess from
    })
    void suggestsTheClosestHostField(String wrong, String expected) {
        assertEquals(expected.isEmpty() ? Optional.empty() : Optional.of(expected), Hints.closest(wrong, HOST));
    }

    @ParameterizedTest(name = "{0} / {1} = {2}")
    @CsvSource({"hots, host, 1", "host, host, 0", "kitten, sitting, 3", "'', abc, 3", "ca, abc, 3"})
    void distanceCountsASwapAsOneEdit(String a, String b, int distance) {
        assertEquals(distance, Hints.distance(a, b));
    }
}
