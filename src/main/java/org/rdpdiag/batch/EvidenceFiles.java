package org.rdpdiag.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rdpdiag.collected.EvidenceReader;
import org.rdpdiag.collected.Importer;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Vocabulary;

/**
 * Collector evidence in a folder of inputs: a file is evidence when its first bytes name the
 * evidence format; a host file and the client file named like it ({@code x-host.json},
 * {@code x-client.json}) make one connection's facts. What the import skips is not listed per
 * host in a fleet run; {@code rdpdiag import} on one host lists it.
 */
final class EvidenceFiles {
    private EvidenceFiles() {}

    /** Whether the file's first kilobyte names the evidence format (the collectors write it first). */
    static boolean isEvidence(Path p) {
        if (!p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            return false;
        }
        try (InputStream in = Files.newInputStream(p)) {
            String head = new String(in.readNBytes(1024), StandardCharsets.UTF_8);
            return head.contains("\"" + EvidenceReader.FORMAT + "\"");
        } catch (IOException e) {
            // Read as facts instead, whose reader reports why the file cannot be read.
            return false;
        }
    }

    static HostFacts facts(Path host, Path client, Vocabulary vocabulary, String defaultId) {
        List<EvidenceReader.Read> reads = new ArrayList<>();
        reads.add(EvidenceReader.read(host));
        if (client != null && isEvidence(client)) {
            reads.add(EvidenceReader.read(client));
        }
        return Importer.of(reads, vocabulary, Importer.idOf(reads, defaultId)).facts();
    }
}
