package org.rdpdiag.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The facts of a facts file, or of a case-library file (its {@code facts} or {@code factsFile}). */
final class CaseFacts {
    private CaseFacts() {}

    static HostFacts read(Path file) {
        try {
            String text = Files.readString(file);
            JsonNode root = file.toString().endsWith(".yaml") ? YAMLMapper.builder().build().readTree(text) : null;
            if (root != null && (root.has("expect") || root.has("factsFile"))) {
                HostFacts facts = root.hasNonNull("factsFile")
                        ? FactsReader.read(file.getParent().resolve(root.get("factsFile").asString()).normalize())
                        : FactsReader.read(new ObjectMapper().writeValueAsString(root.get("facts")), file + "#facts",
                                FactsReader.Format.JSON);
                String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
                return new HostFacts(id, facts.error(), facts.client(), facts.host(), facts.network(), facts.gateway());
            }
            return FactsReader.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
