package org.rdpdiag.collected;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.support.TestKnowledge;

/**
 * The collector scripts run on Windows only; here they are parsed with a real PowerShell grammar
 * (collect/check, installed by the build), searched for anything that writes, and held to the
 * table of docs/collect.md: every observation is collected or listed as asked.
 */
class CollectorScriptsTest {
    static final Path HOST = Path.of("collect/rdpdiag-host.ps1");
    static final Path CLIENT = Path.of("collect/rdpdiag-client.ps1");
    static final Path DOC = Path.of("docs/collect.md");

    @TempDir
    Path tmp;

    record Run(int exit, String out) {}

    static Run parse(Path... scripts) throws IOException, InterruptedException {
        // Liftoff alone compiles the grammar's WebAssembly in seconds; the optimising tier would take
        // half a minute of CPU for a parse that runs once.
        List<String> command = new ArrayList<>(List.of("node", "--liftoff", "--no-wasm-tier-up",
                Path.of("collect/check/parse.cjs").toAbsolutePath().toString()));
        for (Path p : scripts) {
            command.add(p.toAbsolutePath().toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the parser did not finish");
        return new Run(p.exitValue(), out);
    }

    @Test
    void bothScriptsParse() throws Exception {
        Run r = parse(HOST, CLIENT);
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("rdpdiag-host.ps1: parses") && r.out().contains("rdpdiag-client.ps1: parses"), r.out());
    }

    @Test
    void aSyntaxErrorIsFoundAndLocated() throws Exception {
        // A short script, so that the grammar's verdict is not lost in a long file.
        Path broken = Files.writeString(tmp.resolve("broken.ps1"), "param([string]$HostName)\n$port = 3389\n$broken = (1 + \n"
                + "Write-Output $port\n", StandardCharsets.UTF_8);
        Path fine = Files.writeString(tmp.resolve("fine.ps1"), "param([string]$HostName)\n$port = 3389\nWrite-Output $port\n",
                StandardCharsets.UTF_8);
        Run r = parse(broken, fine);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("broken.ps1:3:"), r.out());
        assertTrue(r.out().contains("fine.ps1: parses"), r.out());
    }

    /** Verbs and commands that change a machine; the scripts' own helper functions are allowed by name. */
    static final Pattern WRITES = Pattern.compile(
            "(?i)\\b(Set|New|Remove|Enable|Disable|Start|Stop|Restart|Clear|Add|Rename|Move|Copy|Install|Uninstall|Register|Unregister"
                    + "|Reset|Repair|Update|Import|Export|Grant|Revoke|Suspend|Resume|Out)-[A-Za-z]+"
                    + "|\\breg(\\.exe)?\\s+(add|delete|import|restore|copy|load|unload)\\b|\\bsc(\\.exe)?\\s+(config|stop|start|delete)\\b"
                    + "|\\bnetsh\\b.*\\b(set|add|delete)\\b|\\bcertutil\\b.*-(delstore|addstore|repairstore)|\\bicacls\\b.*/(grant|remove|reset|setowner)"
                    + "|-Repair\\b|\\bWriteAll(Text|Bytes|Lines)\\b|\\bAppendAll|Invoke-(CimMethod|WmiMethod)|\\bshutdown\\b|>>?\\s*[\\w$\"']");

    /** Allowed: object creation, the one output write, and the one read-only CIM method (the grace period). */
    static final Pattern ALLOWED = Pattern.compile("New-Object\\b|\\[System\\.IO\\.File\\]::WriteAllText\\(|-MethodName GetGracePeriodDays"
            + "|Invoke-CimMethod -InputObject \\$setting -MethodName GetGracePeriodDays");

    static List<String> writingLines(Path script) throws IOException {
        Set<String> own = new LinkedHashSet<>();
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        Matcher fn = Pattern.compile("(?i)^\\s*function\\s+([A-Za-z]+-[A-Za-z]+)").matcher("");
        for (String line : lines) {
            if (fn.reset(line).find()) {
                own.add(fn.group(1).toLowerCase());
            }
        }
        List<String> found = new ArrayList<>();
        boolean inBlockComment = false;
        int outputWrites = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("<#")) {
                inBlockComment = true;
            }
            if (inBlockComment) {
                inBlockComment = !line.contains("#>");
                continue;
            }
            String code = line.replaceAll("(^|\\s)#.*$", "");
            String rest = ALLOWED.matcher(code).replaceAll(" ");
            if (code.contains("[System.IO.File]::WriteAllText(")) {
                outputWrites++;
            }
            Matcher m = WRITES.matcher(rest);
            while (m.find()) {
                String word = m.group().toLowerCase();
                if (!own.contains(word)) {
                    found.add(script.getFileName() + ":" + (i + 1) + ": " + line.strip());
                }
            }
        }
        if (outputWrites != 1) {
            found.add(script.getFileName() + ": writes files " + outputWrites + " times; the output file is the only write allowed");
        }
        return found;
    }

    @Test
    void noScriptLineWritesAnythingButTheOutputFile() throws IOException {
        List<String> found = new ArrayList<>(writingLines(HOST));
        found.addAll(writingLines(CLIENT));
        assertTrue(found.isEmpty(), String.join("\n", found));
    }

    @Test
    void aPlantedWriteIsFound() throws IOException {
        for (String planted : List.of("Set-ItemProperty -Path 'HKLM:\\x' -Name y -Value 0", "reg add HKLM\\x /v y /d 0 /f",
                "Test-ComputerSecureChannel -Repair", "Restart-Service TermService", "'x' > C:\\temp\\out.txt")) {
            List<String> lines = new ArrayList<>(Files.readAllLines(HOST, StandardCharsets.UTF_8));
            lines.add(lines.size() / 2, planted);
            Path copy = Files.write(tmp.resolve("planted.ps1"), lines, StandardCharsets.UTF_8);
            List<String> found = writingLines(copy);
            assertTrue(found.stream().anyMatch(f -> f.contains(planted.strip())), planted + " not found: " + found);
        }
    }

    /** The helpers both scripts carry (each must run alone, so they share them by copy): from "Common helpers" to the side's own items. */
    private static String sharedHelpers(Path script, String ownSection) throws IOException {
        String text = Files.readString(script, StandardCharsets.UTF_8);
        int from = text.indexOf("# Common helpers");
        int to = text.indexOf("# " + ownSection);
        assertTrue(from > 0 && to > from, script + " has lost its section titles");
        return text.substring(from, to);
    }

    @Test
    void theHelpersTheScriptsShareByCopyAreIdentical() throws IOException {
        assertEquals(sharedHelpers(HOST, "Host items"), sharedHelpers(CLIENT, "Client items"),
                "the common helpers of the two collectors differ: change both the same way");
    }

    private static Set<String> paths(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("`((?:error|client|host|network|gateway)\\.[A-Za-z0-9*]+)`").matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyObservationIsCollectedOrListedAsAsked() throws IOException {
        String doc = Files.readString(DOC);
        String items = doc.substring(doc.indexOf("### Items and the facts they give"), doc.indexOf("## How the import reads"));
        String asked = doc.substring(doc.indexOf("## Asked, not collected"));
        Set<String> collected = paths(items);
        Set<String> listed = paths(asked);
        List<String> missing = new ArrayList<>();
        for (String path : TestKnowledge.kb().vocabulary().paths()) {
            String section = path.substring(0, path.indexOf('.'));
            if (!collected.contains(path) && !listed.contains(path) && !listed.contains(section + ".*")) {
                missing.add(path);
            }
        }
        assertTrue(missing.isEmpty(), "neither collected nor listed as asked in docs/collect.md: " + missing);
    }

    @Test
    void everyItemOfTheTableIsReadByTheScriptOfItsSide() throws IOException {
        String doc = Files.readString(DOC);
        String items = doc.substring(doc.indexOf("### Items and the facts they give"), doc.indexOf("## How the import reads"));
        String host = Files.readString(HOST);
        String client = Files.readString(CLIENT);
        Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\| [a-z-]+ \\| ([a-z, ]+) \\|").matcher(items);
        int rows = 0;
        while (row.find()) {
            rows++;
            String id = "'" + row.group(1) + "'";
            if (row.group(2).contains("host")) {
                assertTrue(host.contains(id), row.group(1) + " is not read by the host script");
            }
            if (row.group(2).contains("client")) {
                assertTrue(client.contains(id), row.group(1) + " is not read by the client script");
            }
        }
        assertTrue(rows >= 40, "rows read from the table: " + rows);
    }
}
