package org.rdpdiag.support;

import java.nio.file.Path;
import org.rdpdiag.engine.Engine;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeSource;

/** The project's own knowledge base, loaded once per test JVM from the working copy of {@code rules/}. */
public final class TestKnowledge {
    public static final Path RULES = Path.of("rules");
    private static KnowledgeBase kb;

    private TestKnowledge() {}

    public static synchronized KnowledgeBase kb() {
        if (kb == null) {
            kb = new KnowledgeBaseLoader(null).load(KnowledgeSource.directory(RULES));
        }
        return kb;
    }

    public static Engine engine() {
        return new Engine(kb());
    }
}
