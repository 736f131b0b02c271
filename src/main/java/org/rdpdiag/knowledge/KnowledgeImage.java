package org.rdpdiag.knowledge;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the build learns of the bundled knowledge base besides its compiled rules: the checked
 * catalogue and the index of what each rule reads and concludes, with the fingerprint of the
 * rules they go with. Reading the catalogue's YAML and indexing the rules cost most of a cold
 * start; this image is read in a fraction of that. It travels in the jar next to the compiled
 * packages and is used only when both carry the same fingerprint and the same build identity;
 * otherwise the bundled files are read as an author's folder is.
 */
record KnowledgeImage(String fingerprint, String vocabularyFingerprint, Catalog catalog, Map<String, RuleInfo> rules)
        implements java.io.Serializable {
    static final String BUNDLED = KnowledgeSource.BUNDLED_ROOT + "/compiled/knowledge.bin";
    private static final String MAGIC = "rdpdiag-kb-image/1";

    void write(Path target, String buildIdentity) throws IOException {
        Files.createDirectories(target.getParent());
        try (ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(target)))) {
            out.writeUTF(MAGIC);
            out.writeUTF(buildIdentity);
            out.writeUTF(fingerprint);
            out.writeObject(this);
        }
    }

    /** The fingerprint of the rules the jar's image was made from, read from its header alone; null without an image. */
    static String bundledFingerprint(String buildIdentity) {
        try (InputStream raw = KnowledgeImage.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (raw == null) {
                return null;
            }
            ObjectInputStream objects = new ObjectInputStream(new BufferedInputStream(raw));
            if (!MAGIC.equals(objects.readUTF()) || !buildIdentity.equals(objects.readUTF())) {
                return null;
            }
            return objects.readUTF();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The image the jar carries, or null when there is none or it is of another build. */
    static KnowledgeImage readBundled(String buildIdentity) {
        try (InputStream raw = KnowledgeImage.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (raw == null) {
                return null;
            }
            try (ObjectInputStream in = new ObjectInputStream(new BufferedInputStream(raw, 1 << 16))) {
                if (!MAGIC.equals(in.readUTF()) || !buildIdentity.equals(in.readUTF())) {
                    return null;
                }
                in.readUTF();
                return in.readObject() instanceof KnowledgeImage image ? image : null;
            }
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // An image that cannot be read is ignored: the bundled files are read instead.
            return null;
        }
    }
}
