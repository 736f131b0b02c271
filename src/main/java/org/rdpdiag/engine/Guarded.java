package org.rdpdiag.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;

/**
 * Runs work that opens rule sessions (a diagnosis, a case with its interview replay) on a daemon
 * thread, so that the caller gets an {@link EngineException} when a rule never returns instead
 * of waiting with it forever. The hand-off costs tens of microseconds, which a single diagnosis
 * or a case of the library does not notice; {@code batch} does not use it (see
 * {@link SessionWatch}).
 */
public final class Guarded {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rdpdiag-guarded");
        t.setDaemon(true);
        return t;
    });

    private Guarded() {}

    public static <T> T call(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        THREADS.execute(() -> {
            SessionWatch.OWNER.set(result);
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                SessionWatch.OWNER.remove();
            }
        });
        return KnowledgeBaseLoader.join(result);
    }
}
