package org.rdpdiag.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled-rules cache: reused when the rules are unchanged, never trusted otherwise. */
class KnowledgeCacheTest {
    @TempDir
    Path tmp;

    private Path rules() throws IOException {
        Path dir = tmp.resolve("rules");
        Files.createDirectories(dir);
        for (String f : List.of("plan.drl", "plan.yaml", "costs.yaml")) {
            Files.copy(Path.of("src/test/resources/kb/plan", f), dir.resolve(f));
        }
        return dir;
    }

    private List<Path> cacheFiles(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.toString().endsWith(".bin")).toList();
        }
    }

    @Test
    void aSecondLoadOfUnchangedRulesComesFromTheCacheAndBehavesTheSame() throws IOException {
        Path rules = rules();
        Path cache = tmp.resolve("cache");
        KnowledgeBase first = new KnowledgeBaseLoader(cache).load(KnowledgeSource.directory(rules));
        KnowledgeBase second = new KnowledgeBaseLoader(cache).load(KnowledgeSource.directory(rules));
        assertEquals("compiled", first.origin());
        assertEquals("user cache", second.origin());
        assertEquals(first.fingerprint(), second.fingerprint());
        assertEquals(first.rules().size(), second.rules().size());
        assertEquals(first.rule("alpha: ruled out").orElseThrow().reads(), second.rule("alpha: ruled out").orElseThrow().reads());
        assertEquals(1, cacheFiles(cache).size());
    }

    /** Two copies of one folder share a fingerprint, but each must cite its own files. */
    @Test
    void aCopyInAnotherFolderCitesItsOwnFilesAndLines() throws IOException {
        Path first = rules();
        Path second = tmp.resolve("elsewhere").resolve("rules");
        org.rdpdiag.support.ScratchRules.copyTree(first, second);
        Path cache = tmp.resolve("cache");
        KnowledgeBase a = new KnowledgeBaseLoader(cache).load(KnowledgeSource.directory(first));
        KnowledgeBase b = new KnowledgeBaseLoader(cache).load(KnowledgeSource.directory(second));
        KnowledgeBase bAgain = new KnowledgeBaseLoader(cache).load(KnowledgeSource.directory(second));
        assertEquals(a.fingerprint(), b.fingerprint(), "the fingerprint is the content's alone");
        assertEquals("user cache", bAgain.origin());
        String text = Files.readString(second.resolve("plan.drl"));
        for (KnowledgeBase kb : List.of(a, b, bAgain)) {
            Path dir = kb == a ? first : second;
            for (RuleInfo r : kb.rules()) {
                assertEquals(dir.resolve("plan.drl").toString(), r.file(), r.name());
                int line = (int) text.substring(0, text.indexOf("rule \"" + r.name() + "\"")).chars().filter(c -> c == '\n').count() + 1;
                assertEquals(line, r.line(), r.name());
            }
        }
    }

    @Test
    void editingARuleMissesTheCache() throws IOException {
        Path rules = rules();
        Path cache = tmp.resolve("cache");
        KnowledgeBase before = new KnowledgeBaseLoader(cache).load(KnowledgeSource.directory(rules));
        Path drl = rules.resolve("plan.drl");
        Files.writeString(drl, Files.readString(drl).replace("nlaRequired == true", "nlaRequired == true, fipsEnabled != true"));
        KnowledgeBase after = new KnowledgeBaseLoader(cache).load(KnowledgeSource.directory(rules));
        assertNotEquals(before.fingerprint(), after.fingerprint());
        assertEquals("compiled", after.origin());
        assertTrue(after.rule("alpha: confirmed by nlaRequired").orElseThrow().reads().contains("host.fipsEnabled"));
    }

    @Test
    void aDamagedCacheFileIsIgnoredAndReplaced() throws IOException {
        Path rules = rules();
        Path cache = tmp.resolve("cache");
        new KnowledgeBaseLoader(cache).load(KnowledgeSource.directory(rules));
        Path file = cacheFiles(cache).get(0);
        Files.write(file, new byte[] {1, 2, 3, 4});
        KnowledgeBase kb = new KnowledgeBaseLoader(cache).load(KnowledgeSource.directory(rules));
        assertEquals("compiled", kb.origin());
        assertEquals("user cache", new KnowledgeBaseLoader(cache).load(KnowledgeSource.directory(rules)).origin());
    }

    @Test
    void anUnwritableCacheOnlyCostsTime() throws IOException {
        Path rules = rules();
        Path notADir = tmp.resolve("file");
        Files.writeString(notADir, "x");
        KnowledgeBase kb = new KnowledgeBaseLoader(notADir.resolve("cache")).load(KnowledgeSource.directory(rules));
        assertEquals("compiled", kb.origin());
    }
}
