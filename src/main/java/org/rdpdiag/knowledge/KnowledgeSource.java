package org.rdpdiag.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.Vocabulary;

/**
 * Where the knowledge files are: an author's folder, or the copy bundled in the jar. Both are
 * walked as paths, so the rest of the code does not care which it is.
 */
public final class KnowledgeSource {
    /** Classpath folder that holds the bundled knowledge base. */
    public static final String BUNDLED_ROOT = "rdpdiag-kb";

    /** Null for the bundled copy until a file of it is needed: opening the jar as a file system costs start-up time. */
    private Path root;
    private final String label;
    private final boolean bundled;

    private KnowledgeSource(Path root, String label, boolean bundled) {
        this.root = root;
        this.label = label;
        this.bundled = bundled;
    }

    public static KnowledgeSource directory(Path dir) {
        return directory(dir, dir.toString());
    }

    /** A folder whose files are reported as {@code label/<file>}. */
    public static KnowledgeSource directory(Path dir, String label) {
        if (!Files.isDirectory(dir)) {
            throw new KnowledgeException(List.of(KnowledgeProblem.error(dir.toString(), 0, 0,
                    "not a directory; --rules expects the folder that holds the .drl and .yaml files")));
        }
        return new KnowledgeSource(dir.toAbsolutePath().normalize(), label, false);
    }

    /**
     * The knowledge base bundled in the jar. Its files are opened only when something reads them;
     * a start from the compiled image the jar carries ({@link KnowledgeImage}) reads none.
     */
    public static KnowledgeSource bundled() {
        if (KnowledgeSource.class.getClassLoader().getResource(BUNDLED_ROOT + "/rules/" + Vocabulary.FILE_NAME) == null) {
            throw new IllegalStateException("the bundled knowledge base is missing from the classpath");
        }
        return new KnowledgeSource(null, "rules", true);
    }

    private static Path bundledRoot() {
        URL url = KnowledgeSource.class.getClassLoader().getResource(BUNDLED_ROOT + "/rules");
        if (url == null) {
            throw new IllegalStateException("the bundled knowledge base is missing from the classpath");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                synchronized (KnowledgeSource.class) {
                    try {
                        FileSystems.getFileSystem(uri);
                    } catch (FileSystemNotFoundException e) {
                        FileSystems.newFileSystem(uri, Map.of());
                    }
                }
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open the bundled knowledge base", e);
        }
    }

    public synchronized Path root() {
        if (root == null) {
            root = bundledRoot();
        }
        return root;
    }

    public boolean isBundled() {
        return bundled;
    }

    public String label() {
        return label;
    }

    /** The path of a file as authors see it: {@code rules/tls.drl}. */
    public String display(Path file) {
        String rel = root().relativize(file).toString().replace('\\', '/');
        return bundled ? "rules/" + rel : Path.of(label).resolve(rel).toString().replace('\\', '/');
    }

    public List<Path> drlFiles() {
        return files(".drl");
    }

    /**
     * The DRL text of every rule file that can be read, by its display path, in file order;
     * used to locate rules by line. A file that cannot be read is left out: loading reports it.
     */
    public Map<String, String> drlTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path file : drlFiles()) {
            try {
                texts.put(display(file), Files.readString(file));
            } catch (IOException e) {
                // Line numbers are a convenience; the compiler names the unreadable file.
            }
        }
        return texts;
    }

    /** Whether there is any rule or catalogue file at all. */
    public boolean holdsKnowledge() {
        return !drlFiles().isEmpty() || !catalogFiles().isEmpty();
    }

    /** Catalogue files: every YAML file except the case library and the observation vocabulary. */
    public List<Path> catalogFiles() {
        return files(".yaml").stream()
                .filter(p -> !root().relativize(p).toString().replace('\\', '/').startsWith("cases/"))
                .filter(p -> !p.equals(root().resolve(Vocabulary.FILE_NAME)))
                .toList();
    }

    /**
     * The observation vocabulary of this knowledge base: its {@code observations.yaml}, or the
     * bundled vocabulary when the folder has none (a folder of rules written for the bundled facts).
     * Reading it is cheap and needs no compilation, so facts can be read before the rules are loaded.
     *
     * @throws KnowledgeException with every problem of the file, located
     */
    public Vocabulary vocabulary() {
        if (bundled) {
            return Vocabulary.bundled();
        }
        Path file = root().resolve(Vocabulary.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Vocabulary.bundled();
        }
        String shown = display(file);
        if (bundled) {
            return Vocabulary.bundled();
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new KnowledgeException(List.of(KnowledgeProblem.error(shown, 0, 0, "cannot read the vocabulary: " + e)));
        }
        try {
            return Vocabulary.read(text, shown);
        } catch (FactsException e) {
            throw new KnowledgeException(e.problems().stream().map(p -> KnowledgeProblem.error(p.file(), p.line(), p.column(),
                    p.message() + (p.suggestion() == null ? "" : " (" + p.suggestion() + ")"))).toList());
        }
    }

    private List<Path> files(String suffix) {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(suffix))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
