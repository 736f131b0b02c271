package org.rdpdiag.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.rdpdiag.cli.Main;

/**
 * The training run of the class-data archive, a build step: the product's own command line,
 * in-process, on one YAML and one JSON host, in every report format. Run with
 * {@code -XX:DumpLoadedClassList}, it lists the classes a short command loads; the build then
 * dumps those found in {@code rdpdiag.jar} into {@code rdpdiag.jsa} (see pom.xml and
 * docs/performance.md).
 *
 * <p>It lives outside the product because it is not something a user runs. The archive is dumped
 * from the list with the product jar alone on the class path, so it matches how the product runs
 * (a dynamic archive would record this jar too, and the JVM would refuse it without it).
 */
public final class ClassDataTraining {
    private static final String YAML = """
            id: training
            error: {mainCode: "0x904", extendedCode: "0x7", timing: after-credentials}
            host: {tls12ServerEnabled: false, certificateState: expired, eventIdsSeen: [36871]}
            network: {lanWorks: true}
            """;
    private static final String JSON = "{\"id\": \"training\", \"host\": {\"nlaRequired\": true}}";

    private ClassDataTraining() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("rdpdiag-training");
        try {
            Path yaml = Files.writeString(dir.resolve("training.yaml"), YAML);
            Path json = Files.writeString(dir.resolve("training.json"), JSON);
            for (List<String> command : List.of(
                    List.of("diagnose", yaml.toString(), "--explain"),
                    List.of("diagnose", json.toString(), "--format", "json"),
                    List.of("diagnose", yaml.toString(), "--format", "markdown"),
                    // The interview up to its questions, replayed: no terminal in a build.
                    List.of("ask", "--facts", json.toString(), "--answers", yaml.toString()))) {
                StringWriter err = new StringWriter();
                int exit = Main.run(new PrintWriter(Writer.nullWriter()), new PrintWriter(err, true),
                        command.toArray(String[]::new));
                // Diagnosing these hosts finds causes but no fault; any other exit would train a broken path.
                if (exit != 0) {
                    System.err.println("training run failed (exit " + exit + "): " + String.join(" ", command) + "\n" + err);
                    System.exit(1);
                }
            }
        } finally {
            Folders.deleteTree(dir);
        }
        // As the product's own entry point does: its background threads need not wind down first.
        System.exit(0);
    }
}
