package org.rdpdiag.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeException;
import org.rdpdiag.knowledge.KnowledgeSource;
import org.rdpdiag.report.ReportModel;
import org.rdpdiag.report.ReportOptions;
import org.rdpdiag.support.Examples;

/**
 * Words are not evidence: rules read which documented message the dialog carries, recognised
 * from its text once, and a text that mentions a cause's keyword while it describes another
 * failure does not count for that cause.
 */
class DialogMessagesTest {
    @TempDir
    Path tmp;

    private static Diagnosis withText(String text) {
        return Examples.diagnose(FactValues.toFacts(Vocabulary.bundled(), "d", Map.of("error.mainCode", 2308,
                "error.extendedCode", 7, "error.dialogText", text)));
    }

    private static Status status(Diagnosis d, String cause) {
        return d.causes().stream().filter(a -> a.cause().id().equals(cause)).findFirst().orElseThrow().status();
    }

    @Test
    void aNegotiationFailureThatMentionsCredSspIsNotTheEncryptionOracleMessage() {
        Diagnosis d = withText("The remote computer requires that the client support Enhanced RDP Security with CredSSP.");
        assertEquals("nla-required", d.facts().value("error.dialogMessage"));
        assertNotEquals(Status.CONFIRMED, status(d, "credssp-oracle-mismatch"));
        assertTrue(d.error().notes().stream().anyMatch(n -> n.contains("Network Level Authentication")
                && n.contains("recognised from its text")), d.error().notes().toString());
    }

    @Test
    void theDocumentedOracleMessageIsRecognisedAndNamed() {
        Diagnosis d = withText("An authentication error has occurred. The function requested is not supported. "
                + "This could be due to CredSSP encryption oracle remediation.");
        assertEquals("credssp-encryption-oracle", d.facts().value("error.dialogMessage"));
        assertEquals(Status.CONFIRMED, status(d, "credssp-oracle-mismatch"));
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) ReportModel.of(d, ReportOptions.PLAIN).get("error");
        assertEquals("credssp-encryption-oracle", error.get("dialogMessage"));
    }

    @Test
    void aMessagePickedInTheInterviewCountsLikeOneRecognisedFromText() {
        Diagnosis picked = Examples.diagnose(FactValues.toFacts(Vocabulary.bundled(), "d", Map.of("error.mainCode", 2308,
                "error.extendedCode", 7, "error.dialogMessage", "credssp-encryption-oracle")));
        assertEquals(Status.CONFIRMED, status(picked, "credssp-oracle-mismatch"));
        assertTrue(picked.error().notes().stream().anyMatch(n -> n.contains("documented message")
                && !n.contains("recognised from its text")), picked.error().notes().toString());
    }

    @Test
    void wordsThatMatchNoDocumentedMessageAreReportedAsNoEvidence() {
        Diagnosis d = withText("credssp oracle remediation maybe? the license server and the internal stuff failed");
        assertNull(d.facts().value("error.dialogMessage"));
        assertNotEquals(Status.CONFIRMED, status(d, "credssp-oracle-mismatch"));
        assertNotEquals(Status.LIKELY, status(d, "rds-licensing-unavailable"));
        assertTrue(d.error().notes().stream().anyMatch(n -> n.contains("words alone are not evidence")), d.error().notes().toString());
        assertTrue(d.unusedObservations().stream().anyMatch(v -> v.path().equals("error.dialogText")));
    }

    @Test
    void theLoaderRefusesAPatternThatDoesNotCompileOrAMessageTheVocabularyLacks() throws IOException {
        Path rules = tmp.resolve("rules");
        Files.createDirectories(rules);
        try (var s = Files.list(Path.of("rules"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.copy(p, rules.resolve(p.getFileName()));
            }
        }
        Path dialogs = rules.resolve("dialogs.yaml");
        String text = Files.readString(dialogs);
        Files.writeString(dialogs, text.replace("\"an\\\\s+internal\\\\s+error\\\\s+has\\\\s+occurred\"", "\"an (internal\"")
                .replace("id: protocol-error", "id: protocol-eror"));
        KnowledgeException e = assertThrows(KnowledgeException.class,
                () -> new KnowledgeBaseLoader(null).load(KnowledgeSource.directory(rules)));
        assertTrue(e.getMessage().contains("dialog internal-error recognise pattern 'an (internal' is not a regular expression"),
                e.getMessage());
        assertTrue(e.getMessage().contains("dialog protocol-eror is not a value of error.dialogMessage"), e.getMessage());
        assertTrue(List.of(e.getMessage().split("\n")).stream().anyMatch(l -> l.startsWith(dialogs.toString()) || l.contains("dialogs.yaml")));
    }
}
