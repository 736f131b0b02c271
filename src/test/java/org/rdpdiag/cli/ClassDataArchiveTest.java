package org.rdpdiag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {
    @TempDir
    Path tmp;

    @Test
    void theKeyFollowsWhatTheJvmChecks() throws Exception {
        Path jar = Files.writeString(tmp.resolve("rdpdiag.jar"), "jar bytes");
        String key = ClassDataArchive.key(jar);
        assertEquals(32, key.length());
        assertEquals(key, ClassDataArchive.key(jar), "the same file, the same key");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        String touched = ClassDataArchive.key(jar);
        assertNotEquals(key, touched, "a new modification time");
        Path copy = Files.createDirectories(tmp.resolve("elsewhere")).resolve("rdpdiag.jar");
        Files.copy(jar, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        assertNotEquals(touched, ClassDataArchive.key(copy), "another path, even with the same time and size");
        assertNull(ClassDataArchive.key(tmp.resolve("missing.jar")));
    }

    @Test
    void theBundledArchiveIsTakenOnlyWhenItsKeyIsTheJars() throws Exception {
        Path jar = Files.writeString(tmp.resolve("rdpdiag.jar"), "jar bytes");
        Path archive = Files.writeString(tmp.resolve("rdpdiag.jsa"), "archive");
        assertNull(ClassDataArchive.choose(jar, null), "no key beside it: the JVM might refuse it");
        Files.writeString(tmp.resolve("rdpdiag.jsa.key"), ClassDataArchive.key(jar) + "\n");
        assertEquals(archive, ClassDataArchive.choose(jar, null));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertNull(ClassDataArchive.choose(jar, null), "the jar changed after the archive was made");
    }

    @Test
    void aCopyTakesTheArchiveMadeForItInTheCache() throws Exception {
        Path jar = Files.writeString(tmp.resolve("rdpdiag.jar"), "jar bytes");
        Files.writeString(tmp.resolve("rdpdiag.jsa"), "archive");
        Files.writeString(tmp.resolve("rdpdiag.jsa.key"), "0".repeat(32) + "\n");
        Path cache = Files.createDirectories(tmp.resolve("cache/cds"));
        Path own = Files.writeString(cache.resolve(ClassDataArchive.key(jar) + ".jsa"), "archive of the copy");
        assertEquals(own, ClassDataArchive.choose(jar, cache));
    }
}
