package org.rdpdiag.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The class-data archive a relaunched command starts with (see {@link Relaunch}).
 *
 * <p>A JDK 17 JVM uses an archive only with the jar it was dumped from: the same path, size and
 * modification time, and the same JVM build; otherwise it starts without one, silently. So the
 * archive the build puts next to the jar ({@code rdpdiag.jsa}) is no use once the jar is copied
 * elsewhere. Each archive therefore carries a key of exactly what the JVM checks ({@link #key}),
 * in a file beside it ({@code rdpdiag.jsa.key}). When the bundled archive's key is not the jar's,
 * the archive comes from the user's cache ({@code ~/.cache/rdpdiag/cds/KEY.jsa}); when there is
 * none yet, a background process dumps one from the list of classes the jar carries, and that
 * run starts without. The dump prints nothing where the user sees it.
 *
 * <p>Uses only JDK classes: it runs in the relaunching parent, which must stay cheap.
 */
final class ClassDataArchive {
    /** The classes a short command loads, listed by the build's training run; carried in the jar. */
    static final String CLASS_LIST = "rdpdiag.classlist";
    /** Archives kept in the user's cache: one per installed copy and JVM in use, the oldest go. */
    private static final int KEPT = 3;
    /** A dump takes seconds; a lock older than this was left by a dump that died. */
    private static final Duration STALE_LOCK = Duration.ofMinutes(10);

    private ClassDataArchive() {}

    /** The archive the build made for a jar: same folder, same name, {@code .jsa}. */
    static Path bundled(Path jar) {
        String name = jar.getFileName().toString();
        return jar.resolveSibling((name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name).concat(".jsa"));
    }

    static Path keyFile(Path archive) {
        return archive.resolveSibling(archive.getFileName().toString().concat(".key"));
    }

    /**
     * What the JVM checks before it uses an archive, as a short hex string: the jar's real path,
     * size and modification time, and the JVM's home and build. Null when the jar cannot be read.
     */
    static String key(Path jar) {
        try {
            Path real = jar.toRealPath();
            // A builder, not +: javac's string concatenation bootstraps method handles, tens of
            // milliseconds in a JVM that has not used one yet.
            String identity = new StringBuilder().append(real).append('\n').append(Files.size(real)).append('\n')
                    .append(Files.getLastModifiedTime(real).toMillis()).append('\n').append(System.getProperty("java.home"))
                    .append('\n').append(System.getProperty("java.vm.version")).toString();
            // Not a digest: nothing is secret here, and a message digest costs the parent its
            // security providers. Two 64-bit FNV-1a hashes, forwards and backwards.
            return hex(fnv(identity, false)).concat(hex(fnv(identity, true)));
        } catch (IOException e) {
            return null;
        }
    }

    private static String hex(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()).concat(h);
    }

    private static long fnv(String s, boolean backwards) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(backwards ? s.length() - 1 - i : i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /**
     * The archive to start a command from this jar with, or null for none. When neither the
     * bundled archive nor one in {@code cache} fits, starts dumping one into {@code cache} for the
     * next run (unless {@code cache} is null).
     */
    static Path choose(Path jar, Path cache) {
        String key = key(jar);
        if (key == null) {
            return null;
        }
        Path bundled = bundled(jar);
        if (Files.isRegularFile(bundled) && key.equals(readKey(bundled))) {
            return bundled;
        }
        if (cache == null) {
            return null;
        }
        Path cached = cache.resolve(key.concat(".jsa"));
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        startDump(jar, cached);
        return null;
    }

    /** The user's cache folder for archives: {@code $RDPDIAG_CACHE_DIR/cds}, else the XDG cache's {@code rdpdiag/cds}. */
    static Path userCache() {
        String explicit = System.getenv("RDPDIAG_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit, "cds");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("rdpdiag").resolve("cds");
    }

    private static String readKey(Path archive) {
        try {
            return Files.readString(keyFile(archive), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Starts a process that dumps the archive and outlives this one. A lock file keeps two runs
     * from dumping the same archive at once.
     */
    private static void startDump(Path jar, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path lock = target.resolveSibling(target.getFileName().toString().concat(".lock"));
            try {
                Files.createFile(lock);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (Files.getLastModifiedTime(lock).toInstant().isAfter(Instant.now().minus(STALE_LOCK))) {
                    return;
                }
                Files.setLastModifiedTime(lock, FileTime.from(Instant.now()));
            }
            new ProcessBuilder(java(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", jar.toString(),
                    ClassDataArchive.class.getName(), jar.toString(), target.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            // Without an archive the command only starts slower; the next run tries again.
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Dumps the archive of a jar: {@code JAR ARCHIVE [CLASSLIST]}. The class list is the one the
     * jar carries unless given. Writes the archive's key beside it, so that a later run can tell
     * whether the JVM will take it. Exit 0 when the archive was made. The build runs this for the
     * bundled archive; a relaunch runs it in the background for the user's cache.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: ClassDataArchive JAR ARCHIVE [CLASSLIST]");
            System.exit(ExitCodes.BAD_INPUT);
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path target = Path.of(args[1]).toAbsolutePath();
        Path lock = target.resolveSibling(target.getFileName() + ".lock");
        boolean made;
        try {
            made = dump(jar, target, args.length == 3 ? Path.of(args[2]) : null);
        } finally {
            Files.deleteIfExists(lock);
        }
        System.exit(made ? ExitCodes.OK : ExitCodes.INTERNAL);
    }

    private static boolean dump(Path jar, Path target, Path classList) throws IOException, InterruptedException {
        Files.createDirectories(target.getParent());
        Path list = classList;
        if (list == null) {
            list = Files.createTempFile(target.getParent(), "classes", ".list");
            try (InputStream in = ClassDataArchive.class.getClassLoader().getResourceAsStream(CLASS_LIST)) {
                if (in == null) {
                    Files.delete(list);
                    return false;
                }
                Files.copy(in, list, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            List<String> cmd = new ArrayList<>(List.of(java(), "-Xshare:dump", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                    "-XX:SharedClassListFile=" + list, "-XX:SharedArchiveFile=" + partial, "-cp", jar.toString()));
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return false;
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(partial)) {
                return false;
            }
            String key = key(jar);
            if (key == null) {
                return false;
            }
            Files.writeString(keyFile(target), key + "\n", StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            pruneOthers(target);
            return true;
        } finally {
            Files.deleteIfExists(partial);
            if (classList == null) {
                Files.deleteIfExists(list);
            }
        }
    }

    /** In the user's cache only: keeps the newest archives, each a few tens of megabytes. */
    private static void pruneOthers(Path kept) throws IOException {
        Path dir = kept.getParent();
        if (!dir.getFileName().toString().equals("cds")) {
            return;
        }
        List<Path> archives;
        try (Stream<Path> s = Files.list(dir)) {
            archives = s.filter(p -> p.getFileName().toString().endsWith(".jsa"))
                    .sorted(Comparator.comparing((Path p) -> p.toFile().lastModified()).reversed()).toList();
        }
        for (Path old : archives.subList(Math.min(KEPT, archives.size()), archives.size())) {
            if (!old.equals(kept)) {
                Files.deleteIfExists(old);
                Files.deleteIfExists(keyFile(old));
            }
        }
    }
}
