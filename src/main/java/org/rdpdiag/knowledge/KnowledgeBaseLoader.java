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
import org.drools.core.impl.RuleBaseFactory;
import org.drools.wiring.api.classloader.ProjectClassLoader;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.timing.Phases;

/**
 * Loads a knowledge base. Compiling the DRL costs seconds, so compiled packages are cached under
 * a hash of the rule files' content: the bundled rules are compiled when the jar is built, and an
 * author's folder is compiled once per change and kept in the user's cache directory. A cache
 * that cannot be read is ignored, never trusted.
 */
public final class KnowledgeBaseLoader {
    public static final String BUNDLED_CACHE = KnowledgeSource.BUNDLED_ROOT + "/compiled/packages.bin";
    private static final String MAGIC = "rdpdiag-kb-cache/2";

    /** rdpdiag and Drools versions: a cache written by another build must never be read. */
    private static final String BUILD_IDENTITY = buildIdentity();

    private final Path cacheDir;
    /** For {@link #incremental()}: each rule file's compiled package, by a hash of its name and content. */
    private final Map<String, RuleCompiler.Compiled> compiledFiles;

    /** @param cacheDir where compiled author rule sets are kept, or null for no cache */
    public KnowledgeBaseLoader(Path cacheDir) {
        this(cacheDir, null);
    }

    private KnowledgeBaseLoader(Path cacheDir, Map<String, RuleCompiler.Compiled> compiledFiles) {
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
        KnowledgeBase image = source.isBundled() ? fromImage(source) : null;
        return image != null ? image : loadFiles(source);
    }

    /**
     * The bundled knowledge base from what the build made of it: the image (catalogue and rule
     * index) and the compiled packages, both checked when the jar was built. Null when either is
     * missing, unreadable, of another build or of other rules, so that the files are read instead.
     */
    private static KnowledgeBase fromImage(KnowledgeSource source) {
        CompletableFuture<KnowledgeImage> imageFuture = CompletableFuture.supplyAsync(() -> {
            long started = Phases.start();
            KnowledgeImage read = KnowledgeImage.readBundled(BUILD_IDENTITY);
            Phases.end("catalogue and rule index (image)", started);
            return read;
        });
        long phase = Phases.start();
        Stamped packages = readBundledStamped();
        Phases.end("compiled rules read (deserialisation)", phase);
        if (packages == null) {
            return null;
        }
        // Built before the image is checked, while it is still being read: the rare mismatch
        // costs a knowledge base thrown away, the usual match saves waiting.
        InternalKnowledgeBase kieBase = kieBase(packages.compiled());
        phase = Phases.start();
        KnowledgeImage image = join(imageFuture);
        Phases.end("waiting for the image", phase);
        Vocabulary vocabulary = source.vocabulary();
        if (image == null || !image.fingerprint().equals(packages.fingerprint())
                || !image.vocabularyFingerprint().equals(vocabulary.fingerprint())) {
            return null;
        }
        return new KnowledgeBase(kieBase, image.catalog(), image.rules(), image.fingerprint(), "bundled cache", vocabulary);
    }

    private static InternalKnowledgeBase kieBase(RuleCompiler.Compiled packages) {
        long phase = Phases.start();
        InternalKnowledgeBase kieBase = packages.loader() == null ? KnowledgeBaseFactory.newKnowledgeBase()
                : KnowledgeBaseFactory.newKnowledgeBase(RuleBaseFactory.newKnowledgeBaseConfiguration(null, packages.loader()));
        kieBase.addPackages(packages.packages());
        Phases.end("knowledge base built (Drools)", phase);
        return kieBase;
    }

    private KnowledgeBase loadFiles(KnowledgeSource source) {
        // The catalogue (YAML) and the compiled rules (Drools) are independent; reading them side
        // by side saves a few hundred milliseconds of a cold start on two cores.
        List<KnowledgeProblem> problems = new ArrayList<>();
        // Read first and alone: rules cannot compile without their fact types, and the catalogue cites observations.
        long phase = Phases.start();
        Vocabulary vocabulary = source.vocabulary();
        Phases.end("vocabulary", phase);
        CompletableFuture<Catalog> catalogFuture = CompletableFuture.supplyAsync(() -> {
            long started = Phases.start();
            Catalog c = new CatalogLoader(source, vocabulary).load();
            Phases.end("catalogue (YAML)", started);
            return c;
        });
        phase = Phases.start();
        String fingerprint = fingerprint(source, vocabulary);
        Phases.end("knowledge fingerprint", phase);
        String origin = "bundled cache";
        phase = Phases.start();
        RuleCompiler.Compiled packages = source.isBundled() ? readBundled(fingerprint) : null;
        Phases.end("compiled rules read (deserialisation)", phase);
        // Compiled packages remember the source paths they were compiled from, and traces and
        // the catalogue cite those; so a copy of the same rules elsewhere gets its own entry.
        String cacheKey = cacheDir == null ? null : cacheKey(fingerprint, source);
        if (packages == null && cacheDir != null) {
            packages = readCache(userCacheFile(cacheKey), cacheKey);
            origin = "user cache";
        }
        // Both halves are reported together: an author fixing a rule should also learn about
        // the catalogue entry he broke in the same edit.
        if (packages == null) {
            try {
                packages = compiledFiles != null ? compileChanged(source, vocabulary) : RuleCompiler.compile(source, vocabulary);
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
            phase = Phases.start();
            catalog = join(catalogFuture);
            Phases.end("waiting for the catalogue", phase);
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
        phase = Phases.start();
        Map<String, RuleInfo> rules = RuleIndexer.index(packages.packages(), texts, vocabulary);
        problems.addAll(crossCheck(rules, catalog));
        Phases.end("rule index", phase);
        problems.addAll(unconventional);
        if (!problems.isEmpty()) {
            throw new KnowledgeException(problems);
        }
        return new KnowledgeBase(kieBase(packages), catalog, rules, fingerprint, origin, vocabulary);
    }

    private RuleCompiler.Compiled compileChanged(KnowledgeSource source, Vocabulary vocabulary) {
        List<KiePackage> out = new ArrayList<>();
        Map<String, byte[]> classes = new java.util.HashMap<>();
        List<KnowledgeProblem> problems = new ArrayList<>();
        java.util.Set<String> current = new java.util.HashSet<>();
        for (Path file : source.drlFiles()) {
            String key;
            try {
                key = source.display(file) + "\u0000" + vocabulary.fingerprint() + "\u0000" + HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            } catch (IOException | NoSuchAlgorithmException e) {
                key = null;
            }
            if (key != null) {
                current.add(key);
            }
            RuleCompiler.Compiled compiled = key == null ? null : compiledFiles.get(key);
            if (compiled == null) {
                try {
                    compiled = RuleCompiler.compile(source, vocabulary, List.of(file));
                    if (key != null) {
                        compiledFiles.put(key, compiled);
                    }
                } catch (KnowledgeException e) {
                    problems.addAll(e.problems());
                    continue;
                }
            }
            out.addAll(compiled.packages());
            classes.putAll(compiled.classes());
        }
        compiledFiles.keySet().retainAll(current);
        if (!problems.isEmpty()) {
            throw new KnowledgeException(problems);
        }
        alignNovelty(out);
        // A kept package goes into a second knowledge base as a copy, which Drools makes by
        // serialising it; reading the copy back needs the fact types it names.
        return new RuleCompiler.Compiled(out, classes, loaderOf(classes));
    }

    /**
     * Every file declares the vocabulary's fact types. A kept package goes into the next knowledge
     * base as a serialised copy, which no longer marks them as new, while a file compiled afresh
     * does, and Drools refuses to merge the two ("Unable to merge @novel attribute"). The classes
     * come from the packages' own loader either way, so none is marked new.
     */
    private static void alignNovelty(List<KiePackage> packages) {
        for (KiePackage p : packages) {
            if (p instanceof org.drools.base.definitions.InternalKnowledgePackage ip) {
                ip.getTypeDeclarations().values().forEach(t -> t.setNovel(false));
            }
        }
    }

    /** A class loader that defines the declared fact types from their byte code, for packages that name them. */
    private static ClassLoader loaderOf(Map<String, byte[]> classes) {
        Map<String, byte[]> store = new java.util.HashMap<>();
        classes.forEach((name, bytes) -> store.put(name.replace('.', '/') + ".class", bytes));
        return ProjectClassLoader.createProjectClassLoader(KnowledgeBaseLoader.class.getClassLoader(), store);
    }

    /**
     * Compiles a source, checks it against its catalogue and writes the cache file the jar
     * carries; used at build time, so an inconsistent knowledge base fails the build.
     */
    public static void precompile(KnowledgeSource source, Path target) throws IOException {
        Vocabulary vocabulary = source.vocabulary();
        Catalog catalog = new CatalogLoader(source, vocabulary).load();
        String fingerprint = fingerprint(source, vocabulary);
        RuleCompiler.Compiled packages = RuleCompiler.compile(source, vocabulary);
        Map<String, RuleInfo> rules = RuleIndexer.index(packages.packages(), source.drlTexts(), vocabulary);
        List<KnowledgeProblem> problems = new ArrayList<>(crossCheck(rules, catalog));
        problems.addAll(consequenceProblems(source.drlTexts()));
        if (!problems.isEmpty()) {
            throw new KnowledgeException(problems);
        }
        Files.createDirectories(target.getParent());
        write(target, fingerprint, packages);
        new KnowledgeImage(fingerprint, vocabulary.fingerprint(), catalog, Map.copyOf(rules))
                .write(target.resolveSibling(Path.of(KnowledgeImage.BUNDLED).getFileName()), BUILD_IDENTITY);
    }

    /**
     * The fingerprint of the bundled rules (a SHA-256 over the rule files, the vocabulary and the
     * rdpdiag and Drools versions), as reports and {@code --version} show it.
     */
    public static String bundledFingerprint() {
        String stored = KnowledgeImage.bundledFingerprint(BUILD_IDENTITY);
        if (stored != null) {
            return stored;
        }
        KnowledgeSource source = KnowledgeSource.bundled();
        return fingerprint(source, source.vocabulary());
    }

    /** The rdpdiag version the jar was built as. */
    public static String version() {
        return BUILD_IDENTITY.split(" ")[1];
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

    static String fingerprint(KnowledgeSource source, Vocabulary vocabulary) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(MAGIC.getBytes(StandardCharsets.UTF_8));
            digest.update(BUILD_IDENTITY.getBytes(StandardCharsets.UTF_8));
            // Compiled packages refer to the fact types, so a change to the vocabulary must miss the cache.
            digest.update(vocabulary.fingerprint().getBytes(StandardCharsets.UTF_8));
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

    static String buildIdentity() {
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

    private static RuleCompiler.Compiled readBundled(String fingerprint) {
        try (InputStream in = KnowledgeBaseLoader.class.getClassLoader().getResourceAsStream(BUNDLED_CACHE)) {
            return in == null ? null : read(in, fingerprint);
        } catch (IOException e) {
            return null;
        }
    }

    private static RuleCompiler.Compiled readCache(Path file, String fingerprint) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, fingerprint);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads a cache: the declared fact types' byte code first, then the packages, read through a
     * class loader that defines those types, since the packages name them.
     */
    private static RuleCompiler.Compiled read(InputStream raw, String fingerprint) {
        Stamped read = readStamped(raw, fingerprint);
        return read == null ? null : read.compiled();
    }

    /** Compiled packages with the fingerprint they were written under. */
    private record Stamped(String fingerprint, RuleCompiler.Compiled compiled) {}

    /** The packages the jar carries, whatever fingerprint they have; the caller compares it. */
    private static Stamped readBundledStamped() {
        try (InputStream in = KnowledgeBaseLoader.class.getClassLoader().getResourceAsStream(BUNDLED_CACHE)) {
            return in == null ? null : readStamped(in, null);
        } catch (IOException e) {
            return null;
        }
    }

    /** @param fingerprint the one expected, or null to accept any */
    @SuppressWarnings("unchecked")
    private static Stamped readStamped(InputStream raw, String fingerprint) {
        try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(raw, 1 << 16))) {
            if (!MAGIC.equals(in.readUTF())) {
                return null;
            }
            String stored = in.readUTF();
            if (fingerprint != null && !fingerprint.equals(stored)) {
                return null;
            }
            Map<String, byte[]> classes = (Map<String, byte[]>) in.readObject();
            byte[] packageBytes = (byte[]) in.readObject();
            ClassLoader loader = loaderOf(classes);
            try (ObjectInputStream packagesIn = new DroolsObjectInputStream(new java.io.ByteArrayInputStream(packageBytes), loader)) {
                return new Stamped(stored, new RuleCompiler.Compiled((Collection<KiePackage>) packagesIn.readObject(), classes,
                        loader));
            }
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return null;
        }
    }

    private static void writeQuietly(Path file, String fingerprint, RuleCompiler.Compiled packages) {
        try {
            Files.createDirectories(file.getParent());
            write(file, fingerprint, packages);
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be written only costs the next run its start-up time.
        }
    }

    private static void write(Path file, String fingerprint, RuleCompiler.Compiled compiled) throws IOException {
        java.io.ByteArrayOutputStream packageBytes = new java.io.ByteArrayOutputStream();
        try (ObjectOutputStream out = new DroolsObjectOutputStream(packageBytes)) {
            out.writeObject(new ArrayList<>(compiled.packages()));
        }
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp));
                ObjectOutputStream out = new ObjectOutputStream(raw)) {
            out.writeUTF(MAGIC);
            out.writeUTF(fingerprint);
            out.writeObject(new java.util.HashMap<>(compiled.classes()));
            out.writeObject(packageBytes.toByteArray());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
