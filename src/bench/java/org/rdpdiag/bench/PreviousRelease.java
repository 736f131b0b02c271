package org.rdpdiag.bench;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The previous release's jar, run beside the current one for {@code bench cost}: loaded in a class
 * loader of its own (its parent is the platform loader, so none of the current release's classes,
 * nor its Drools or Jackson, can be mixed in) and driven by reflection through the API that
 * release had: {@code KnowledgeBaseLoader} on the bundled knowledge base, {@code DiagnoseService},
 * {@code Replay}, {@code CaseReader.factsOf} and {@code Ranking}. Its plans come back as
 * {@link CostBenchmark.Step}s, to be costed with the current cost model; it had no step to try the
 * connection again after a fix, so one is added after each fix, as the current plans have.
 */
public final class PreviousRelease implements AutoCloseable {
    /** How to build the jar this reads. */
    public static final String HOW_TO_BUILD = "build the previous release once: git worktree add ../wt-prev <commit>; "
            + "cd ../wt-prev && mvn -B -q -o -Dmaven.test.skip=true package; then --previous ../wt-prev/target";

    private final Path jar;
    private final URLClassLoader loader;
    private final Object service;
    private final Method factsOf;
    private final Method unknown;
    private final Method replay;
    private final Method diagnose;
    private final Method leader;
    private final Method leads;

    private PreviousRelease(Path jar) throws IOException {
        this.jar = jar;
        this.loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        try {
            Class<?> kb = type("org.rdpdiag.knowledge.KnowledgeBase");
            Class<?> source = type("org.rdpdiag.knowledge.KnowledgeSource");
            Class<?> facts = type("org.rdpdiag.facts.HostFacts");
            Class<?> services = type("org.rdpdiag.diagnosis.DiagnoseService");
            this.factsOf = type("org.rdpdiag.authoring.CaseReader").getMethod("factsOf", Path.class);
            this.unknown = facts.getMethod("unknown", String.class);
            this.replay = type("org.rdpdiag.interview.Replay").getMethod("run", services, facts, facts);
            this.diagnose = services.getMethod("diagnose", facts);
            this.leader = type("org.rdpdiag.engine.Ranking").getMethod("leader", List.class);
            this.leads = type("org.rdpdiag.engine.Ranking").getMethod("leads", String.class, List.class);
            Class<?> loaderClass = type("org.rdpdiag.knowledge.KnowledgeBaseLoader");
            this.service = inside(() -> {
                Object kbLoader = loaderClass.getConstructor(Path.class).newInstance((Path) null);
                Object knowledge = loaderClass.getMethod("load", source).invoke(kbLoader, source.getMethod("bundled").invoke(null));
                return services.getConstructor(kb).newInstance(knowledge);
            });
        } catch (ReflectiveOperationException | RuntimeException e) {
            loader.close();
            throw new IllegalStateException(jar + " does not have the API of the previous release: " + e, e);
        }
    }

    /** The previous release in {@code dir} ({@code dir/rdpdiag.jar}), or empty when there is no jar there. */
    public static Optional<PreviousRelease> open(Path dir) throws IOException {
        Path jar = dir.resolve("rdpdiag.jar");
        return Files.isRegularFile(jar) ? Optional.of(new PreviousRelease(jar)) : Optional.empty();
    }

    public Path jar() {
        return jar;
    }

    /** The previous release on one facts or case file: the interview replayed, then the plans. */
    public CostBenchmark.Run run(Path file) {
        return inside(() -> {
            Object full = factsOf.invoke(null, file);
            Object transcript = replay.invoke(null, service, unknown.invoke(null, (String) get(full, "id")), full);
            List<String> questions = new ArrayList<>();
            for (Object step : list(get(transcript, "steps"))) {
                questions.add((String) get(step, "questionId"));
            }
            Object ended = get(transcript, "diagnosis");
            Object whole = diagnose.invoke(service, full);
            String endedLeader = (String) get(get(leader.invoke(null, get(ended, "causes")), "cause"), "id");
            boolean same = (Boolean) leads.invoke(null, endedLeader, get(whole, "causes"));
            Set<String> confirmed = new LinkedHashSet<>();
            for (Object a : list(get(whole, "causes"))) {
                Object cause = get(a, "cause");
                if (!(Boolean) get(cause, "isContext") && "CONFIRMED".equals(((Enum<?>) get(a, "status")).name())) {
                    confirmed.add((String) get(cause, "id"));
                }
            }
            return new CostBenchmark.Run(List.copyOf(questions), same, steps(ended), steps(whole), confirmed);
        });
    }

    private List<CostBenchmark.Step> steps(Object diagnosis) throws ReflectiveOperationException {
        List<CostBenchmark.Step> out = new ArrayList<>();
        for (Object s : list(get(get(diagnosis, "plan"), "steps"))) {
            String kind = ((Enum<?>) get(s, "kind")).name().toLowerCase(Locale.ROOT);
            String id = (String) get(s, "id");
            List<String> addresses = new ArrayList<>();
            list(get(s, "addresses")).forEach(a -> addresses.add((String) a));
            out.add(new CostBenchmark.Step(kind, id, addresses, (String) get(s, "rollbackOf")));
            if ("fix".equals(kind)) {
                out.add(new CostBenchmark.Step("verify", id + "-verify", addresses, null));
            }
        }
        return out;
    }

    private Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(name, false, loader);
    }

    private static Object get(Object target, String accessor) throws ReflectiveOperationException {
        return target.getClass().getMethod(accessor).invoke(target);
    }

    private static List<?> list(Object o) {
        return (List<?>) o;
    }

    /** Whether the previous release can read a file at all: observations added since are unknown to it. */
    public boolean reads(Path file) {
        try {
            inside(() -> factsOf.invoke(null, file));
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Runs with the previous release's loader as the thread's context loader, which Drools consults. */
    private <T> T inside(Callable<T> work) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return work.call();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("previous release: " + e.getCause(), e.getCause());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("previous release: " + e, e);
        } finally {
            t.setContextClassLoader(before);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }
}
