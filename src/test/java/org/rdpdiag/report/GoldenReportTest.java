package org.rdpdiag.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.support.Examples;

/**
 * The reports of every example, compared with the reviewed copies in
 * {@code src/test/resources/golden/}. After an intended change, regenerate them with
 * {@code mvn test -Dtest=GoldenReportTest -Dgolden.update=true} and review the diff.
 */
class GoldenReportTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> examplesRenderAsReviewed() {
        return Examples.files().stream().flatMap(file -> {
            String name = Examples.name(file);
            String source = "facts/examples/" + file.getFileName();
            return Stream.of(
                    DynamicTest.dynamicTest(name + ".txt", () -> compare(name + ".txt",
                            TextReport.render(diagnose(file), new ReportOptions(true, false, source)))),
                    DynamicTest.dynamicTest(name + ".json", () -> compare(name + ".json",
                            stable(JsonReport.render(diagnose(file), new ReportOptions(false, false, source))))));
        });
    }

    private static Diagnosis diagnose(Path file) {
        return Examples.diagnose(FactsReader.read(file));
    }

    /** The knowledge base's hash and origin change with every rule edit; they are not what is reviewed here. */
    static String stable(String report) {
        return report.replaceAll("\"fingerprint\" : \"[0-9a-f]+\"", "\"fingerprint\" : \"<hash>\"")
                .replaceAll("\"origin\" : \"[a-z ]+\"", "\"origin\" : \"<origin>\"");
    }

    private static void compare(String name, String actual) throws IOException {
        actual = actual.replaceAll("Knowledge base [0-9a-f]{12} \\([a-z ]+,", "Knowledge base <hash> (<origin>,");
        Path file = GOLDEN.resolve(name);
        if (UPDATE || !Files.exists(file)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual);
            if (!UPDATE) {
                throw new AssertionError("no golden copy of " + name + " yet: wrote it, review and commit it");
            }
            return;
        }
        assertEquals(Files.readString(file), actual, name + " differs from its golden copy");
    }
}
