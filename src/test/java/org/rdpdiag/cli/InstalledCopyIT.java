package org.rdpdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar as it is installed: copied with its launcher, archive and completion script to
 * another folder and run through the launcher, from a link on the PATH. The bundled archive no
 * longer fits the copy (the JVM checks the jar's path and time), so the first run makes one in
 * the user's cache and the next runs start with it; no run prints anything on standard error.
 */
class InstalledCopyIT {
    private static final String FACTS = "facts/examples/expired-self-signed-cert.yaml";

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    private static Path target() {
        return Path.of(System.getProperty("rdpdiag.jar", "target/rdpdiag.jar")).toAbsolutePath().getParent();
    }

    private Run run(Path launcher, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("RDPDIAG_CACHE_DIR", tmp.resolve("cache").toString());
        pb.environment().put("RDPDIAG_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        pb.environment().remove("RDPDIAG_JAVA_OPTS");
        pb.environment().putAll(env);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Copies what an installation copies, the way a plain copy does: new times on every file. */
    private Path install() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("opt/rdpdiag"));
        for (String f : List.of("rdpdiag.jar", "rdpdiag.jsa", "rdpdiag.jsa.key", "rdpdiag", "rdpdiag_completion")) {
            Files.copy(target().resolve(f), home.resolve(f));
        }
        assertTrue(home.resolve("rdpdiag").toFile().setExecutable(true));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        return Files.createSymbolicLink(bin.resolve("rdpdiag"), home.resolve("rdpdiag"));
    }

    private Path factsFile() throws IOException {
        Path facts = tmp.resolve("host.yaml");
        Files.copy(Path.of(FACTS).toAbsolutePath(), facts);
        return facts;
    }

    /** Waits for the archive the first run started to dump in the background. */
    private Path cachedArchive() throws IOException, InterruptedException {
        Path dir = tmp.resolve("cache/cds");
        for (int i = 0; i < 600; i++) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    List<Path> names = s.toList();
                    List<Path> archives = names.stream().filter(p -> p.toString().endsWith(".jsa")).toList();
                    if (archives.size() == 1 && names.stream().noneMatch(p -> p.toString().endsWith(".lock"))) {
                        return archives.get(0);
                    }
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no archive appeared in " + dir);
    }

    @Test
    void anInstalledCopyMakesItsOwnArchiveAndThenStartsWithItQuietly() throws Exception {
        Path launcher = install();
        Path facts = factsFile();
        Map<String, String> phases = Map.of("RDPDIAG_JAVA_OPTS", "-Drdpdiag.phases=true");

        Run first = run(launcher, Map.of(), "diagnose", facts.toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("rdp-certificate-invalid"), first.out());
        assertEquals("", first.err(), "nothing on stderr while the archive is being made");

        Path archive = cachedArchive();
        Run timed = run(launcher, phases, "diagnose", facts.toString());
        assertEquals(0, timed.exit(), timed.err());
        assertTrue(timed.err().contains("class-data archive: " + archive + " (in use)"), timed.err());

        Run again = run(launcher, Map.of(), "diagnose", facts.toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals(first.out(), again.out(), "the same report with the archive");
        assertEquals("", again.err());
    }

    @Test
    void theBuiltJarStartsWithTheArchiveBesideIt() throws Exception {
        Path facts = factsFile();
        Run r = run(target().resolve("rdpdiag"), Map.of("RDPDIAG_JAVA_OPTS", "-Drdpdiag.phases=true"), "diagnose",
                facts.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("class-data archive: " + target().resolve("rdpdiag.jsa") + " (in use)"), r.err());
        assertTrue(!Files.exists(tmp.resolve("cache/cds")), "no archive is made when the bundled one fits");
    }

    @Test
    void versionNamesTheKnowledgeBaseAndCompletionKnowsTheCommands() throws Exception {
        Path launcher = install();
        Run r = run(launcher, Map.of(), "--version");
        assertEquals(0, r.exit(), r.err());
        String fingerprint = r.out().lines().filter(l -> l.matches("knowledge base [0-9a-f]{64}")).findFirst()
                .orElseThrow(() -> new AssertionError(r.out())).substring("knowledge base ".length());
        Run report = run(launcher, Map.of(), "diagnose", factsFile().toString(), "--format", "json");
        assertTrue(report.out().contains("\"fingerprint\" : \"" + fingerprint + "\""),
                "the fingerprint --version prints is the one reports carry: " + fingerprint);
        String completion = Files.readString(tmp.resolve("opt/rdpdiag/rdpdiag_completion"));
        assertTrue(completion.contains("complete -F") && completion.contains("diagnose") && completion.contains("--explain"),
                "the script completes the commands and their options");
    }
}
