package org.rdpdiag.knowledge;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.definition.KiePackage;
import org.rdpdiag.facts.FactPaths;

/**
 * Loads a knowledge base. Compiling the DRL costs seconds, so compiled packages are cached under
 * a hash of the rule files' content: the bundled rules are compiled when the jar is built, and an
 * author's folder is compiled once per change and kept in the user's cache directory. A cache
 * that cannot be read is ignored, never trusted.
 */
public final class KnowledgeBaseLoader {
    public static final String BUNDLED_CACHE = KnowledgeSource.BUNDLED_ROOT + "/compiled/packages.bin";
    private static final String MAGIC = "rdpdiag-kb-cache/1";

    /** rdpdiag and Drools versions: a cache written by another build must never be read. */
    private static final String BUILD_IDENTITY = buildIdentity();

    private final Path cacheDir;
    /** For {@link #incremental()}: each rule file's compiled package, by a hash of its name and content. */
    private final Map<String, Collection<KiePackage>> compiledFiles;

    /** @param cacheDir where compiled author rule sets are kept, or null for no cache */
    public KnowledgeBaseLoader(Path cacheDir) {
        this(cacheDir, null);
    }

    private KnowledgeBaseLoader(Path cacheDir, Map<String, Collection<KiePackage>> compiledFiles) {
        this.cacheDir = cacheDir;
        this.compiledFiles = compiledFiles;
    }

    /**
     * A loader for repeated loads of a folder being edited ({@code rules watch}): it keeps each
     * rule file's compiled package in memory and recompiles only the files whose content
     * changed. Drools clones a package that is already in use by another knowledge base, so the
     * kept packages are never shared between two loads.
     */
    public static KnowledgeBaseLoader incremental() {
        return new KnowledgeBaseLoader(null, new java.util.concurrent.ConcurrentHashMap<>());
    }

    /** A loader using the user's cache directory ({@code RDPDIAG_CACHE_DIR}, else the XDG cache). */
    public static KnowledgeBaseLoader withDefaultCache() {
        return new KnowledgeBaseLoader(defaultCacheDir());
    }

    public static Path defaultCacheDir() {
        String explicit = System.getenv("RDPDIAG_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("rdpdiag");
    }

    public KnowledgeBase load(KnowledgeSource source) {
        // The catalogue (YAML) and the compiled rules (Drools) are independent; reading them side
        // by side saves a few hundred milliseconds of a cold start on two cores.
        CompletableFuture<Catalog> catalogFuture = CompletableFuture.supplyAsync(() -> new CatalogLoader(source).load());
        String fingerprint = fingerprint(source);
        String origin = "bundled cache";
        Collection<KiePackage> packages = source.isBundled() ? readBundled(fingerprint) : null;
        // Compiled packages remember the source paths they were compiled from, and traces and
        // the catalogue cite those; so a copy of the same rules elsewhere gets its own entry.
        String cacheKey = cacheDir == null ? null : cacheKey(fingerprint, source);
        if (packages == null && cacheDir != null) {
            packages = readCache(userCacheFile(cacheKey), cacheKey);
            origin = "user cache";
        }
        // Both halves are reported together: an author fixing a rule should also learn about
        // the catalogue entry he broke in the same edit.
        List<KnowledgeProblem> problems = new ArrayList<>();
        if (packages == null) {
            try {
                packages = compiledFiles != null ? compileChanged(source) : RuleCompiler.compile(source);
                origin = "compiled";
                if (cacheDir != null) {
                    writeQuietly(userCacheFile(cacheKey), cacheKey, packages);
                }
            } catch (KnowledgeException e) {
                problems.addAll(e.problems());
            }
        }
        Catalog catalog = null;
        try {
            catalog = join(catalogFuture);
        } catch (KnowledgeException e) {
            problems.addAll(e.problems());
        }
        Map<String, String> texts = source.drlTexts();
        // Checked on every load, from the cache too, so that a rule that breaks the convention
        // never runs. The bundled rules were checked when the jar was built.
        List<KnowledgeProblem> unconventional = source.isBundled() ? List.of() : consequenceProblems(texts);
        if (!problems.isEmpty()) {
            problems.addAll(unconventional);
            throw new KnowledgeException(problems);
        }
        Map<String, RuleInfo> rules = RuleIndexer.index(packages, texts);
        problems.addAll(crossCheck(rules, catalog));
        problems.addAll(unconventional);
        if (!problems.isEmpty()) {
            throw new KnowledgeException(problems);
        }
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
        kieBase.addPackages(packages);
        return new KnowledgeBase(kieBase, catalog, rules, fingerprint, origin);
    }

    private Collection<KiePackage> compileChanged(KnowledgeSource source) {
        List<KiePackage> out = new ArrayList<>();
        List<KnowledgeProblem> problems = new ArrayList<>();
        java.util.Set<String> current = new java.util.HashSet<>();
        for (Path file : source.drlFiles()) {
            String key;
            try {
                key = source.display(file) + "\u0000" + HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            } catch (IOException | NoSuchAlgorithmException e) {
                key = null;
            }
            if (key != null) {
                current.add(key);
            }
            Collection<KiePackage> compiled = key == null ? null : compiledFiles.get(key);
            if (compiled == null) {
                try {
                    compiled = RuleCompiler.compile(source, List.of(file));
                    if (key != null) {
                        compiledFiles.put(key, compiled);
                    }
                } catch (KnowledgeException e) {
                    problems.addAll(e.problems());
                    continue;
                }
            }
            out.addAll(compiled);
        }
        compiledFiles.keySet().retainAll(current);
        if (!problems.isEmpty()) {
            throw new KnowledgeException(problems);
        }
        return out;
    }

    /**
     * Compiles a source, checks it against its catalogue and writes the cache file the jar
     * carries; used at build time, so an inconsistent knowledge base fails the build.
     */
    public static void precompile(KnowledgeSource source, Path target) throws IOException {
        Catalog catalog = new CatalogLoader(source).load();
        String fingerprint = fingerprint(source);
        Collection<KiePackage> packages = RuleCompiler.compile(source);
        List<KnowledgeProblem> problems = new ArrayList<>(crossCheck(RuleIndexer.index(packages, source.drlTexts()), catalog));
        problems.addAll(consequenceProblems(source.drlTexts()));
        if (!problems.isEmpty()) {
            throw new KnowledgeException(problems);
        }
        Files.createDirectories(target.getParent());
        write(target, fingerprint, packages);
    }

    /** Waits for a background task and rethrows its failure as it was thrown. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private static List<KnowledgeProblem> consequenceProblems(Map<String, String> texts) {
        List<KnowledgeProblem> out = new ArrayList<>();
        texts.forEach((file, text) -> out.addAll(DrlOutline.consequenceProblems(file, text)));
        return out;
    }

    private static List<KnowledgeProblem> crossCheck(Map<String, RuleInfo> rules, Catalog catalog) {
        List<KnowledgeProblem> problems = new ArrayList<>();
        for (RuleInfo r : rules.values()) {
            String file = r.file() == null ? "rules" : r.file();
            int line = r.line();
            if (r.cause() != null && catalog.cause(r.cause()).isEmpty()) {
                problems.add(KnowledgeProblem.error(file, line, 1, "rule \"" + r.name() + "\" names @cause(\""
                        + r.cause() + "\"), which no catalogue file defines"));
            }
            if (r.cause() != null && (r.weight() == null || Weight.fromWord(r.weight()).isEmpty())) {
                problems.add(KnowledgeProblem.error(file, line, 1, "rule \"" + r.name() + "\" needs @weight with one of "
                        + Weight.allowedWords()));
            }
            if (r.step() != null && catalog.fix(r.step()).isEmpty()) {
                problems.add(KnowledgeProblem.error(file, line, 1, "rule \"" + r.name() + "\" names @step(\""
                        + r.step() + "\"), which no catalogue file defines"));
            }
        }
        return problems;
    }

    static String fingerprint(KnowledgeSource source) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(MAGIC.getBytes(StandardCharsets.UTF_8));
            digest.update(BUILD_IDENTITY.getBytes(StandardCharsets.UTF_8));
            // Compiled packages refer to the fact classes, so a change to them must miss the cache.
            for (var section : FactPaths.sections().values()) {
                for (var c : section.getRecordComponents()) {
                    digest.update((section.getName() + c.getName() + c.getGenericType()).getBytes(StandardCharsets.UTF_8));
                }
            }
            for (Path file : source.drlFiles()) {
                digest.update(source.root().relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException("cannot hash the rule files", e);
        }
    }

    private static String buildIdentity() {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = KnowledgeBaseLoader.class.getClassLoader().getResourceAsStream("rdpdiag-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Without the file the key still covers the rules and the fact classes.
        }
        return "rdpdiag " + p.getProperty("version", "?") + " drools " + p.getProperty("drools.version", "?");
    }

    /** The content fingerprint joined with the folder the files are cited from. */
    private static String cacheKey(String fingerprint, KnowledgeSource source) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(fingerprint.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(source.display(source.root()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the cache key", e);
        }
    }

    private Path userCacheFile(String key) {
        return cacheDir.resolve("kb-" + key.substring(0, 32) + ".bin");
    }

    private static Collection<KiePackage> readBundled(String fingerprint) {
        try (InputStream in = KnowledgeBaseLoader.class.getClassLoader().getResourceAsStream(BUNDLED_CACHE)) {
            return in == null ? null : read(in, fingerprint);
        } catch (IOException e) {
            return null;
        }
    }

    private static Collection<KiePackage> readCache(Path file, String fingerprint) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, fingerprint);
        } catch (IOException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Collection<KiePackage> read(InputStream raw, String fingerprint) {
        try (ObjectInputStream in = new DroolsObjectInputStream(new BufferedInputStream(raw),
                KnowledgeBaseLoader.class.getClassLoader())) {
            if (!MAGIC.equals(in.readUTF()) || !fingerprint.equals(in.readUTF())) {
                return null;
            }
            return (Collection<KiePackage>) in.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }

    private static void writeQuietly(Path file, String fingerprint, Collection<KiePackage> packages) {
        try {
            Files.createDirectories(file.getParent());
            write(file, fingerprint, packages);
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be written only costs the next run its start-up time.
        }
    }

    private static void write(Path file, String fingerprint, Collection<KiePackage> packages) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp));
                ObjectOutputStream out = new DroolsObjectOutputStream(raw)) {
            out.writeUTF(MAGIC);
            out.writeUTF(fingerprint);
            out.writeObject(new ArrayList<>(packages));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
