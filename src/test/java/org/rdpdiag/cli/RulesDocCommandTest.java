package org.rdpdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.support.Cli;

/** {@code rdpdiag rules doc} as an author or reviewer runs it. */
class RulesDocCommandTest {
    static final String KB = "src/test/resources/kb/doc";

    @TempDir
    Path tmp;

    @Test
    void withoutArgumentsItDocumentsTheBundledKnowledgeBaseAsMarkdown() {
        Cli r = Cli.run("rules", "doc");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("# <a id=\"top\"></a>rdpdiag knowledge catalogue\n"), r.out());
        assertTrue(r.out().contains("Knowledge base `rules (bundled)`"), r.out());
        assertTrue(r.out().contains("<a id=\"cause-tls12-disabled\"></a>"));
        assertEquals("", r.err());
    }

    @Test
    void aFolderCanBeGivenAsDirOrWithRulesAndBothGiveTheSameDocument() {
        Cli positional = Cli.run("rules", "doc", KB, "--no-cache");
        Cli option = Cli.run("rules", "doc", "--rules", KB, "--no-cache");
        assertEquals(0, positional.exit(), positional.err());
        assertEquals(0, option.exit(), option.err());
        assertTrue(positional.out().contains("<a id=\"cause-alpha\"></a>"));
        assertFalse(positional.out().contains("tls12-disabled"), "the folder's catalogue, not the bundled one");
        assertEquals(positional.out(), option.out());
    }

    @Test
    void outWritesTheHtmlPageToTheFileAndOnlySaysSoOnStdout() throws IOException {
        Path file = tmp.resolve("catalogue.html");
        Cli r = Cli.run("rules", "doc", KB, "--format", "html", "--out", file.toString());
        assertEquals(0, r.exit(), r.err());
        String page = Files.readString(file);
        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertTrue(page.contains("<h4 id=\"cause-alpha\">") && page.endsWith("</html>\n"));
        assertEquals("Wrote " + file + " (html): 2 causes, 5 fixes.\n", r.out());
    }

    @Test
    void aMissingFolderIsBadUsageWithAMessage() {
        Path missing = tmp.resolve("no-such-rules");
        Cli r = Cli.run("rules", "doc", missing.toString());
        assertEquals(2, r.exit());
        assertEquals("rdpdiag: " + missing + ": no such folder (DIR is the folder that holds the .drl and .yaml files)\n",
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void aFolderWithoutKnowledgeIsBadUsageNotAnEmptyCatalogue() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Cli r = Cli.run("rules", "doc", empty.toString(), "--no-cache");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(empty + ": no causes and no rules to document"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aBrokenCatalogueIsReportedWithFileAndLine() throws IOException {
        Path dir = tmp.resolve("rules");
        Files.createDirectories(dir);
        for (String name : new String[] {"doc.drl", "doc.yaml", "pairs.yaml", "codes.yaml"}) {
            Files.copy(Path.of(KB, name), dir.resolve(name));
        }
        Files.writeString(dir.resolve("doc.yaml"), Files.readString(dir.resolve("doc.yaml"))
                .replace("    invasiveness: 3\n", "    invasiveness: 9\n"));
        Cli r = Cli.run("rules", "doc", dir.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("rdpdiag: the knowledge base has problems:"), r.err());
        assertTrue(r.err().matches("(?s).*doc\\.yaml:\\d+:\\d+: error: fix safe-second invasiveness must be 1\\.\\.5.*"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out(), "no half document");
    }

    @Test
    void dirAndRulesTogetherAreBadUsage() {
        Cli r = Cli.run("rules", "doc", KB, "--rules", KB);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("name the rules folder once"), r.err());
    }

    @Test
    void anUnknownFormatIsBadUsageNamingTheChoices() {
        Cli r = Cli.run("rules", "doc", "--format", "pdf");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("markdown, html"), r.err());
    }

    @Test
    void aFileInAMissingFolderIsBadUsage() {
        Path file = tmp.resolve("missing").resolve("catalogue.md");
        Cli r = Cli.run("rules", "doc", KB, "--out", file.toString());
        assertEquals(2, r.exit());
        assertEquals("rdpdiag: cannot write " + file + ": its folder does not exist\n", r.err());
    }

    @Test
    void theRulesGroupListsDocAndDocHasHelp() {
        Cli group = Cli.run("rules", "--help");
        Cli doc = Cli.run("rules", "doc", "--help");
        assertEquals(0, group.exit());
        assertTrue(group.out().contains("doc "), group.out());
        assertEquals(0, doc.exit());
        assertTrue(doc.out().contains("[DIR]") && doc.out().contains("--format") && doc.out().contains("--out")
                && doc.out().contains("--rules"), doc.out());
    }
}
