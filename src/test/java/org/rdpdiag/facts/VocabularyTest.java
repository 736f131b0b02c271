package org.rdpdiag.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The vocabulary file is checked like a facts file: every mistake at its line and column. */
class VocabularyTest {
    private static final String ERROR = """
            sections:
              - section: error
                type: ErrorReport
                about: The error.
                observations:
                  - {name: mainCode, type: code, about: a, where: [client], how: h}
                  - {name: extendedCode, type: code, about: a, where: [client], how: h}
                  - {name: timing, type: text, values: [immediately], about: a, where: [client], how: h}
                  - {name: dialogText, type: text, about: a, where: [client], how: h}
                  - {name: droppedAfterSeconds, type: integer, about: a, where: [client], how: h}
                  - {name: dialogMessage, type: text, values: [internal-error], about: a, where: [client], how: h}
            """;

    private static List<String> problems(String more) {
        FactsException e = assertThrows(FactsException.class, () -> Vocabulary.read(ERROR + more, "v.yaml"));
        return e.problems().stream().map(FactsProblem::toString).toList();
    }

    @Test
    void aSmallVocabularyDeclaresItsFactTypesAndSchema() {
        Vocabulary v = Vocabulary.read(ERROR + """
                  - section: box
                    type: Box
                    about: A box.
                    observations:
                      - {name: lidOpen, type: boolean, about: a, where: [host], how: h}
                      - {name: weight, type: number, minimum: 0, unit: kilograms, about: a, where: [host], how: h}
                """, "v.yaml");
        assertEquals(List.of("error.mainCode", "error.extendedCode", "error.timing", "error.dialogText", "error.droppedAfterSeconds", "error.dialogMessage", "box.lidOpen",
                "box.weight"), v.paths());
        assertTrue(v.declarations().contains("declare Box\n    lidOpen : Boolean\n    weight : Double\nend\n"), v.declarations());
        assertTrue(v.schemaText().contains("\"x-unit\" : \"kilograms\""), v.schemaText());
        assertEquals("box", v.sectionOfType("Box").orElseThrow().name());
        assertEquals(6, v.indexOf("box.lidOpen"));
    }

    @Test
    void mistakesAreLocated() {
        List<String> found = problems("""
                  - section: box
                    type: HostFacts
                    about: A box.
                    observations:
                      - {name: class, type: boolean, about: a, where: [host], how: h}
                      - {name: size, type: integer, values: [small], about: a, where: [host], how: h}
                      - {name: depth, type: number, minimum: 5, maximum: 1, about: a, where: [host], how: h}
                      - {name: label, type: text, minimum: 1, about: a, where: [host], how: h}
                """);
        assertEquals(List.of(
                "v.yaml:13:11: error: 'HostFacts' is already a type the rules know; choose another name, e.g. HostFactsState",
                "v.yaml:16:16: error: 'class' is a reserved word of the rule language; choose another name",
                "v.yaml:17:46: error: a value of an integer observation is a whole number",
                "v.yaml:18:58: error: the maximum 1 is below the minimum 5",
                "v.yaml:19:44: error: 'minimum' applies to numbers only; this observation is text"), found);
    }

    @Test
    void theErrorSectionIsTheToolsOwn() {
        FactsException e = assertThrows(FactsException.class, () -> Vocabulary.read(ERROR.replace(
                "      - {name: dialogText, type: text, about: a, where: [client], how: h}\n",
                "      - {name: colour, type: text, about: a, where: [client], how: h}\n"), "v.yaml"));
        List<String> found = e.problems().stream().map(FactsProblem::toString).toList();
        assertTrue(found.contains("v.yaml:9:16: error: the error section holds mainCode, extendedCode, timing, dialogText,"
                + " droppedAfterSeconds and dialogMessage only;"
                + " new observations belong in another section"), found.toString());
        assertTrue(found.contains("v.yaml:2:14: error: the error section must declare dialogText"), found.toString());
    }

    @Test
    void theShapeIsCheckedWithSuggestions() {
        List<String> found = problems("""
                  - section: box
                    type: Box
                    about: A box.
                    observations:
                      - {name: lidOpen, type: bool, about: a, where: [host], how: h}
                """);
        assertEquals(1, found.size(), found.toString());
        assertEquals("v.yaml:16:31: error: sections[1].observations[0].type: \"bool\" is not one of boolean, integer, number, text,"
                + " code, integer-list", found.get(0));
    }
}
