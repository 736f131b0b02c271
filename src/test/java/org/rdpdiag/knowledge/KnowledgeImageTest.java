package org.rdpdiag.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rdpdiag.authoring.CaseReader;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.report.JsonReport;
import org.rdpdiag.report.ReportOptions;

/**
 * The bundled knowledge base starts from the image the build wrote; it must be the knowledge
 * base the files give, entry for entry, and diagnose alike.
 */
class KnowledgeImageTest {
    /** The bundled files as the build copied them, read as a folder: the path that reads the YAML and the DRL. */
    private static final Path BUNDLED_FILES = Path.of("target/classes", KnowledgeSource.BUNDLED_ROOT, "rules");

    @Test
    void theImageHoldsWhatTheFilesSay() {
        assertNotNull(KnowledgeImage.readBundled(KnowledgeBaseLoader.buildIdentity()), "the build wrote an image");
        KnowledgeBase fromImage = new KnowledgeBaseLoader(null).load(KnowledgeSource.bundled());
        KnowledgeBase fromFiles = new KnowledgeBaseLoader(null).load(KnowledgeSource.directory(BUNDLED_FILES, "rules"));
        assertEquals(fromFiles.fingerprint(), fromImage.fingerprint());
        Catalog a = fromImage.catalog();
        Catalog b = fromFiles.catalog();
        assertEquals(List.copyOf(b.causes()), List.copyOf(a.causes()));
        assertEquals(List.copyOf(b.fixes()), List.copyOf(a.fixes()));
        assertEquals(List.copyOf(b.checks()), List.copyOf(a.checks()));
        assertEquals(List.copyOf(b.questions()), List.copyOf(a.questions()));
        assertEquals(b.codes(), a.codes());
        assertEquals(b.seedClaims(), a.seedClaims());
        assertEquals(b.seedPairs(), a.seedPairs());
        assertEquals(b.policies(), a.policies());
        assertEquals(b.contradictions(), a.contradictions());
        assertEquals(b.dialogs(), a.dialogs());
        assertEquals(b.costs().settings(), a.costs().settings());
        b.causes().forEach(c -> assertEquals(b.locate("cause", c.id()), a.locate("cause", c.id())));
        b.fixes().forEach(f -> assertEquals(b.locate("fix", f.id()), a.locate("fix", f.id())));
        assertEquals(java.util.Set.copyOf(fromFiles.rules()), java.util.Set.copyOf(fromImage.rules()));
    }

    @Test
    void bothDiagnoseAnExampleAlike() {
        var facts = CaseReader.factsOf(Path.of("facts/examples/expired-self-signed-cert.yaml"));
        ReportOptions options = new ReportOptions(true, false, "x.yaml", false);
        String fromImage = JsonReport.render(new DiagnoseService(new KnowledgeBaseLoader(null).load(KnowledgeSource.bundled()))
                .diagnose(facts), options);
        String fromFiles = JsonReport.render(new DiagnoseService(new KnowledgeBaseLoader(null)
                .load(KnowledgeSource.directory(BUNDLED_FILES, "rules"))).diagnose(facts), options);
        assertEquals(fromFiles.replace("\"compiled\"", "\"bundled cache\""), fromImage);
    }
}
