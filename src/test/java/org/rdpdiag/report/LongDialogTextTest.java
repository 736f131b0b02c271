package org.rdpdiag.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.support.Examples;

/** A dialog text just under its limit renders as a wrapped paragraph whose size follows the text's. */
class LongDialogTextTest {

    @Test
    void aDialogTextJustUnderTheLimitWrapsIntoLinesOfTheReport() {
        String text = "Remote Desktop can't connect to the remote computer for one of these reasons. ".repeat(60);
        text = text.substring(0, 3999).strip();
        HostFacts facts = FactsReader.read("error: {mainCode: 0x904, extendedCode: 0x7, dialogText: \"" + text + "\"}\n",
                "long.yaml", FactsReader.Format.YAML);
        String report = TextReport.render(Examples.diagnose(facts), new ReportOptions(false, false, "long.yaml"));
        List<String> lines = Arrays.asList(report.split("\n"));
        int first = lines.indexOf(lines.stream().filter(l -> l.startsWith("  Dialog: \"")).findFirst().orElseThrow());
        int last = first;
        while (lines.get(last + 1).startsWith("    ")) {
            last++;
        }
        List<String> dialog = lines.subList(first, last + 1);
        dialog.forEach(l -> assertTrue(l.length() <= Wrap.WIDTH, l));
        assertEquals("Dialog: \"" + text + "\"", String.join(" ", dialog.stream().map(String::strip).toList()),
                "every word once, in order");
        // About 4000 characters at up to 100 columns each: at least 41 lines, and not many more.
        assertTrue(dialog.size() >= 41 && dialog.size() <= 46, dialog.size() + " lines");
    }
}
