package org.rdpdiag.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rdpdiag.facts.Vocabulary;

/** The field tables of docs/facts.md are the ones the vocabulary writes. */
class VocabularyDocumentTest {

    @Test
    void theUserDocumentationHoldsTheTablesTheVocabularyWrites() throws IOException {
        String doc = Files.readString(Path.of(System.getProperty("basedir", "."), "docs", "facts.md"));
        int begin = doc.indexOf(VocabularyDocument.BEGIN);
        int end = doc.indexOf(VocabularyDocument.END);
        assertTrue(begin >= 0 && end > begin, "docs/facts.md encloses its field tables in the markers");
        assertEquals(VocabularyDocument.markdown(Vocabulary.bundled()), doc.substring(begin, end + VocabularyDocument.END.length() + 1),
                "docs/facts.md is out of date: run rdpdiag rules schema --doc and put its output in place of the tables");
    }

    @Test
    void typesRangesUnitsAndPlacesAreWrittenInWords() {
        String tables = VocabularyDocument.markdown(Vocabulary.bundled());
        assertTrue(tables.contains("| `packetLossPct` | number, 0 to 100 (percent) |"), "a number with range and unit");
        assertTrue(tables.contains("| `timing` | one of `immediately`, `after-credentials`, `in-session` |"), "a closed set");
        assertTrue(tables.contains("| `eventIdsSeen` | list of `1057`, `1058`, `36870`, `36871`, `36872`, `36874`, `36888` (each at most once) |"));
        assertTrue(tables.contains("**host and Azure portal:**"), "two places");
        assertTrue(tables.contains("\\| Where-Object"), "a bar inside a cell is escaped");
    }
}
