package org.rdpdiag.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.support.Cli;
import org.rdpdiag.support.Examples;

/** The summary that opens every report: short, within the width, and with the next steps' commands whole. */
class SummaryTest {
    @Test
    void everyExampleOpensWithASummaryOfAtMost25LinesWithinTheWidth() {
        for (Path file : Examples.files()) {
            Diagnosis d = Examples.diagnose(FactsReader.read(file));
            String text = TextReport.render(d, new ReportOptions(false, false, file.toString()));
            List<String> lines = text.lines().toList();
            int start = lines.indexOf("SUMMARY");
            int end = lines.subList(start, lines.size()).indexOf("") + start;
            List<String> summary = lines.subList(start + 1, end);
            assertTrue(summary.size() <= Summary.MAX_LINES, file + ": " + summary.size() + " lines");
            for (String l : summary) {
                assertTrue(l.length() <= 100 || l.stripLeading().startsWith("> "), file + ": too wide: " + l);
            }
            assertTrue(summary.stream().anyMatch(l -> l.startsWith("    1. [")), file + ": the first step is named");
            // The first step's commands are given whole, in the plan's order.
            String firstCommand = d.plan().steps().get(0).commands().isEmpty() ? null
                    : d.plan().steps().get(0).commands().get(0);
            if (firstCommand != null) {
                assertTrue(summary.contains("       > " + firstCommand), file + ": " + firstCommand);
            }
            assertTrue(text.indexOf("SUMMARY") < text.indexOf("CAUSES, MOST LIKELY FIRST"));
        }
    }

    @Test
    void aConfirmedCausesFixIsFollowedByTheVerification() {
        Diagnosis d = Examples.diagnose(FactsReader.read(Path.of("facts/examples/two-causes-hardening-script.yaml")));
        String text = TextReport.render(d, ReportOptions.PLAIN);
        assertTrue(text.contains("       Then connect again: if it works, stop here"), text);
    }

    @Test
    void briefPrintsOnlyTheSummaryInTextAndMarkdown() {
        Cli brief = Cli.run("diagnose", "facts/examples/expired-self-signed-cert.yaml", "--brief");
        assertEquals(0, brief.exit(), brief.err());
        assertTrue(brief.out().contains("SUMMARY") && brief.out().contains("Next steps"), brief.out());
        assertFalse(brief.out().contains("CAUSES, MOST LIKELY FIRST") || brief.out().contains("PLAN\n"), brief.out());
        assertTrue(brief.out().lines().count() <= Summary.MAX_LINES + 4, brief.out());
        Cli md = Cli.run("diagnose", "facts/examples/expired-self-signed-cert.yaml", "--brief", "--format", "markdown");
        assertTrue(md.out().contains("## Summary") && md.out().contains("```powershell"), md.out());
        assertFalse(md.out().contains("## Causes"), md.out());
    }
}
