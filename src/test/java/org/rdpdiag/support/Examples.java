package org.rdpdiag.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.authoring.CaseReader;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;

/** The bundled example hosts and the case library's facts, diagnosed with the working-copy rules. */
public final class Examples {
    public static final Path DIR = Path.of("facts", "examples");
    private static DiagnoseService service;

    private Examples() {}

    public static synchronized DiagnoseService service() {
        if (service == null) {
            service = new DiagnoseService(TestKnowledge.kb());
        }
        return service;
    }

    public static List<Path> files() {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every facts set we have: examples and cases. */
    public static List<HostFacts> allFacts() {
        List<HostFacts> out = new ArrayList<>();
        files().forEach(f -> out.add(FactsReader.read(f)));
        CaseReader.Library cases = CaseReader.library(Path.of("rules"));
        if (!cases.problems().isEmpty()) {
            throw new AssertionError("unreadable cases: " + cases.problems());
        }
        cases.cases().forEach(c -> out.add(c.facts()));
        return out;
    }

    public static Diagnosis diagnose(HostFacts facts) {
        return service().diagnose(facts);
    }

    public static String name(Path file) {
        return file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    }
}
