package org.rdpdiag.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A CSV text cell holds no raw control or bidirectional character, and still quotes and defuses as before. */
class CsvCellTest {

    @Test
    void controlsAndBidiOverridesAreEscapedVisibly() {
        assertEquals("web\\e[31m01\\u009B2J\\u202Eevil", ResultLines.text("web\u001b[31m01\u009b2J\u202Eevil"));
        assertEquals("a\\rb\\nc\\td", ResultLines.text("a\rb\nc\td"), "no line break inside a cell, hence no quotes");
    }

    @Test
    void aCarriageReturnOrTabFirstIsEscapedAndSoNoLongerAFormula() {
        assertEquals("\\r=1+1", ResultLines.text("\r=1+1"));
        assertEquals("\\t@SUM(A1)", ResultLines.text("\t@SUM(A1)"));
    }

    @Test
    void quotingAndTheFormulaGuardStayAsTheyWere() {
        assertEquals("\"'=cmd|' /C calc'!A0,\"\"x\"\"\"", ResultLines.text("=cmd|' /C calc'!A0,\"x\""));
        assertEquals("'-2", ResultLines.text("-2"));
        assertEquals("\"a;b\"", ResultLines.text("a;b"));
        assertEquals("plain-id", ResultLines.text("plain-id"));
        assertEquals("", ResultLines.text(null));
    }
}
