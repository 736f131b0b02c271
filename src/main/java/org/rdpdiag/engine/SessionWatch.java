package org.rdpdiag.engine;

import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * The wall-clock budget of rule sessions, kept by one shared daemon thread.
 *
 * <p>Why one shared thread rather than a thread per session: a batch diagnosis costs about
 * 60 µs, and handing each session to another thread and back would cost a large share of that.
 * Registering a session here is a set insertion and removal; the watchdog looks at the running
 * sessions a few times a second. When a session outlives its budget the watchdog samples the
 * session's thread (to name the rule it is stuck in) and halts it, which ends a loop between
 * firings. A thread stuck inside one condition or consequence cannot be stopped in Java: when
 * the work runs under {@link Guarded}, the watchdog then releases the waiting caller with the
 * fault and abandons the thread, and every later session of that knowledge base fails at once
 * (each would likely get stuck the same way and leak another busy thread).
 */
final class SessionWatch {
    /** How often the watchdog looks; a session is halted at most this long after its budget. */
    static final long TICK_MS = 100;

    private static final Set<Watch> RUNNING = ConcurrentHashMap.newKeySet();
    /** Knowledge bases that left a thread stuck, with the fault to repeat; weak, so a reloaded base is freed. */
    private static final Map<KieBase, EngineException> STUCK = new WeakHashMap<>();
    private static volatile boolean anyStuck;
    private static volatile Thread watchdog;

    /** The caller waiting for the current thread's guarded work, if any. */
    static final ThreadLocal<CompletableFuture<?>> OWNER = new ThreadLocal<>();

    /**
     * One running session.
     *
     * @param fault builds the error from a sample of the session's stack, taken when the budget ran out
     */
    static final class Watch {
        final KieSession session;
        final KieBase kieBase;
        final Thread thread = Thread.currentThread();
        final long deadline;
        final CompletableFuture<?> owner = OWNER.get();
        final Function<StackTraceElement[], EngineException> fault;
        volatile StackTraceElement[] stuckAt;

        private Watch(KieSession session, KieBase kieBase, long budgetNanos, Function<StackTraceElement[], EngineException> fault) {
            this.session = session;
            this.kieBase = kieBase;
            this.deadline = System.nanoTime() + budgetNanos;
            this.fault = fault;
        }

        /** True once the budget ran out; the stack sample then says where the thread was. */
        boolean expired() {
            return stuckAt != null;
        }

        void end() {
            RUNNING.remove(this);
        }
    }

    private SessionWatch() {}

    static Watch start(KieSession session, KieBase kieBase, long budgetNanos,
            Function<StackTraceElement[], EngineException> fault) {
        if (anyStuck) {
            EngineException earlier;
            synchronized (STUCK) {
                earlier = STUCK.get(kieBase);
            }
            if (earlier != null) {
                throw new EngineException(earlier.rule(), earlier.file(), earlier.line(),
                        "not run, because an earlier diagnosis left this rule running: " + earlier.getMessage(), null);
            }
        }
        Watch w = new Watch(session, kieBase, budgetNanos, fault);
        RUNNING.add(w);
        if (watchdog == null) {
            startWatchdog();
        }
        return w;
    }

    private static synchronized void startWatchdog() {
        if (watchdog == null) {
            Thread t = new Thread(SessionWatch::watch, "rdpdiag-rule-watchdog");
            t.setDaemon(true);
            t.start();
            watchdog = t;
        }
    }

    private static void watch() {
        while (true) {
            try {
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch w : RUNNING) {
                if (now - w.deadline < 0) {
                    continue;
                }
                if (w.stuckAt == null) {
                    w.stuckAt = w.thread.getStackTrace();
                    try {
                        w.session.halt();
                    } catch (RuntimeException e) {
                        // The session ended between the look and the halt.
                    }
                } else if (w.owner != null && !w.owner.isDone()) {
                    // Halting did not bring the thread back within a tick: it is stuck inside
                    // one evaluation. Release the caller and give up on the thread.
                    EngineException e = w.fault.apply(w.thread.getStackTrace());
                    synchronized (STUCK) {
                        STUCK.put(w.kieBase, e);
                        anyStuck = true;
                    }
                    RUNNING.remove(w);
                    w.owner.completeExceptionally(e);
                }
            }
        }
    }
}
