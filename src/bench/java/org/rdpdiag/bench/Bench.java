package org.rdpdiag.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rdpdiag.batch.BatchService;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The benchmarks' command line: {@code java -jar target/rdpdiag-bench.jar startup|interview|import|watch|batch|cost|serve ...}.
 * The bench jar is not part of the product; its manifest puts {@code rdpdiag.jar} from the same
 * folder on the class path, so every measurement runs the product exactly as shipped.
 */
@Command(name = "rdpdiag-bench", mixinStandardHelpOptions = true,
        description = "Re-runnable benchmarks; the figures in docs/performance.md come from here.",
        subcommands = {Bench.Startup.class, Bench.Interviews.class, Bench.Imports.class, Bench.Watch.class, Bench.Batch.class, Bench.Cost.class,
                Bench.Serve.class})
public final class Bench {
    private Bench() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }

    /** Bad usage: picocli prints the message with the command's usage and exits with 2. */
    private static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    @Command(name = "startup", mixinStandardHelpOptions = true,
            description = {"Time 'java -jar rdpdiag.jar diagnose FILE' in fresh JVMs: first where the time goes "
                    + "(the product's phases and the classes' sources) as built and installed in another folder, then "
                    + "the median of each scenario: as built; installed elsewhere with the archive it makes itself, "
                    + "and without; one untuned JVM; an author's rules folder from the user cache and compiled.",
                    "Times the product jar this runs with: java -jar target/rdpdiag-bench.jar startup facts/examples/x.yaml"})
    static final class Startup implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "Facts file to diagnose.")
        Path facts;

        @Option(names = "--runs", defaultValue = "5", description = "Runs per scenario (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--rules", paramLabel = "DIR", description = "Rules folder for the author scenarios "
                + "(default: ./rules when it exists).")
        Path rules;

        @Override
        public Integer call() throws Exception {
            Path jar = StartupBenchmark.productJar();
            if (jar == null) {
                throw usage(spec, "startup must run with the product jar on the class path (java -jar target/rdpdiag-bench.jar ...)");
            }
            if (!Files.isRegularFile(facts)) {
                throw usage(spec, facts + ": no such file");
            }
            if (runs < 1) {
                throw usage(spec, "--runs must be at least 1");
            }
            Path rulesDir = rules != null ? rules : Files.isDirectory(Path.of("rules")) ? Path.of("rules") : null;
            Path work = Files.createTempDirectory("rdpdiag-bench-startup");
            Path cache = Files.createDirectories(work.resolve("cache"));
            PrintWriter out = spec.commandLine().getOut();
            out.println("machine: " + StartupBenchmark.machine());
            out.println("command: java -jar " + jar + " diagnose " + facts + " (" + runs + " cold runs per scenario)");
            StartupBenchmark bench = new StartupBenchmark(facts, runs, cache);
            try {
                Path installed = bench.install(jar, work.resolve("installed"));
                List<StartupBenchmark.Scenario> scenarios = StartupBenchmark.scenarios(jar, installed, rulesDir);
                for (StartupBenchmark.Scenario s : scenarios.subList(0, 2)) {
                    breakdown(out, bench, s, work);
                }
                out.println();
                for (StartupBenchmark.Scenario s : scenarios) {
                    out.println(bench.run(s).line());
                    out.flush();
                }
            } finally {
                Folders.deleteTree(work);
            }
            return 0;
        }
    }

    /** The median phases of a scenario, the classes' sources and the archive its runs started with. */
    private static void breakdown(PrintWriter out, StartupBenchmark bench, StartupBenchmark.Scenario s, Path work)
            throws Exception {
        List<List<StartupBreakdown.Phase>> runs = new ArrayList<>();
        String archive = null;
        List<StartupBreakdown.Sources> sources = null;
        for (int i = 0; i < bench.runs(); i++) {
            Path logs = Files.createDirectories(work.resolve("classes-" + runs.size() + "-" + s.name().hashCode()));
            String err = bench.timedPhases(s, logs);
            runs.add(StartupBreakdown.parse(err));
            archive = StartupBreakdown.archive(err);
            sources = StartupBreakdown.sourcesIn(logs);
        }
        out.println();
        out.println("breakdown, " + s.name() + " (median of " + runs.size()
                + " runs with -Drdpdiag.phases=true; ms since the relaunched JVM started):");
        StartupBreakdown.table(StartupBreakdown.medians(runs)).forEach(out::println);
        out.println("  class-data archive: " + archive);
        if (!sources.isEmpty()) {
            out.println("  relaunched JVM: " + sources.get(0).line());
        }
        if (sources.size() > 1) {
            out.println("  relaunching parent: " + sources.get(1).line());
        }
        out.flush();
    }

    @Command(name = "interview", mixinStandardHelpOptions = true,
            description = {"Replay the interview on every facts file under the given folders (default: "
                    + "facts/examples and rules/cases) and compare the questions asked with a lower bound: the fewest "
                    + "of each case's own observations from which the rules reach the same leading cause."})
    static final class Interviews implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", arity = "0..*", description = "Folders of facts or case files.")
        java.util.List<Path> dirs;

        @Option(names = "--per-case", description = "Print one line per case.")
        boolean perCase;

        @Option(names = "--fill", paramLabel = "FILE", description = "Lay each case over this facts file "
                + "(e.g. facts/baseline/healthy-host.yaml), so that every question gets an answer.")
        Path fill;

        @Mixin
        KnowledgeChoice knowledge;

        @Override
        public Integer call() throws Exception {
            java.util.List<Path> folders = dirs == null || dirs.isEmpty()
                    ? java.util.List.of(Path.of("facts/examples"), Path.of("rules/cases")) : dirs;
            DiagnoseService service = new DiagnoseService(knowledge.load(spec));
            java.util.List<HostFacts> cases = new java.util.ArrayList<>();
            for (Path dir : folders) {
                if (!Files.isDirectory(dir)) {
                    throw usage(spec, dir + ": no such folder");
                }
                try (var files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".json")).sorted().toList()) {
                        cases.add(org.rdpdiag.authoring.CaseReader.factsOf(f, service.knowledgeBase().vocabulary()));
                    }
                }
            }
            if (fill != null) {
                java.util.Map<String, Object> base = org.rdpdiag.facts.FactValues.of(FactsReader.read(fill));
                cases.replaceAll(c -> {
                    java.util.Map<String, Object> merged = new java.util.LinkedHashMap<>(base);
                    merged.putAll(org.rdpdiag.facts.FactValues.of(c));
                    return org.rdpdiag.facts.FactValues.toFacts(c.vocabulary(), c.id(), merged);
                });
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("machine: " + StartupBenchmark.machine());
            if (fill != null) {
                out.println("every case laid over " + fill + ": each question gets an answer");
            }
            InterviewBenchmark bench = new InterviewBenchmark(service);
            java.util.List<InterviewBenchmark.Row> rows = bench.withTreeBounds(cases.parallelStream().map(bench::run).toList());
            if (perCase) {
                out.println(String.format("%-46s %5s %5s %5s %6s  %s", "case", "asked", "codes", "tree", "oracle",
                        "leading cause (interview / full facts)"));
                for (InterviewBenchmark.Row r : rows) {
                    out.println(String.format("%-46s %5d %5d %5d %5d%s  %s%s", r.id(), r.questions(), r.askedFirst(), r.treeBound(),
                            r.bound(), r.boundExact() ? " " : "+", r.interviewTop(), r.sameTop() ? "" : "  DIFFERS from " + r.fullTop()));
                }
            }
            java.util.List<String> facts = service.knowledgeBase().catalog().questions().stream().map(q -> q.fact()).toList();
            InterviewBenchmark.summary(rows, facts.size(), InterviewBenchmark.entropyBound(rows, facts)).forEach(out::println);
            double[] weighted = InterviewBenchmark.priorWeighted(rows, service.knowledgeBase().catalog());
            out.println(String.format(java.util.Locale.ROOT, "weighted by the prior of each case's leading cause: "
                    + "%.2f questions, separation bound %.2f", weighted[0], weighted[1]));
            out.flush();
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Questions the interview still asks after an import: every *-host.json of DIR (with the "
                    + "*-client.json of the same name, when there is one) is imported, and the interview is replayed from "
                    + "those facts with every question answered 'unknown' (as 'ask --evidence ... --answers' with an empty "
                    + "answers file). Prints the median and mean; deterministic: no timing."})
    static final class Imports implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "collect/samples",
                description = "Folder of evidence files (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--per-sample", description = "Print one line per host sample, with the facts asked.")
        boolean perSample;

        @Mixin
        KnowledgeChoice knowledge;

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(dir)) {
                throw usage(spec, dir + ": no such folder");
            }
            List<Path> hosts = ImportBenchmark.hostFiles(dir);
            if (hosts.isEmpty()) {
                throw usage(spec, dir + ": no *-host.json evidence file");
            }
            ImportBenchmark bench = new ImportBenchmark(new DiagnoseService(knowledge.load(spec)));
            List<ImportBenchmark.Row> rows = new ArrayList<>();
            for (Path host : hosts) {
                rows.add(bench.run(host));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("machine: " + StartupBenchmark.machine());
            ImportBenchmark.lines(rows, perSample).forEach(out::println);
            out.flush();
            return 0;
        }
    }

    @Command(name = "cost", mixinStandardHelpOptions = true,
            description = {"The cost of troubleshooting, in minutes of the cost model, on every facts and case file: "
                    + "the interview replayed on the file, then the plan of the facts it ends with followed in order "
                    + "until a fix repairs the file's right cause; when the plan is spent without it, the consultation "
                    + "goes on with what was learnt and tried, until a round learns nothing and the case is handed on. "
                    + "Against an oracle that knows the cause and pays only its first fix. Deterministic: no timing.",
                    "With --previous DIR, the previous release's rdpdiag.jar in DIR is simulated the same way (it "
                    + "cannot record what was tried, so it follows its one plan), costed with the same cost model; "
                    + "files that record steps already tried are left out then."})
    static final class Cost implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PATHS", arity = "0..*", description = "Facts or case files, or folders of them "
                + "(default: facts/examples and rules/cases).")
        List<Path> paths;

        @Option(names = "--per-case", description = "Print one line per file.")
        boolean perCase;

        @Option(names = "--previous", paramLabel = "DIR", description = "Folder with the previous release's "
                + "rdpdiag.jar (e.g. the target folder of a worktree at that release).")
        Path previous;

        @Mixin
        KnowledgeChoice knowledge;

        @Override
        public Integer call() throws Exception {
            List<Path> named = paths == null || paths.isEmpty() ? List.of(Path.of("facts/examples"), Path.of("rules/cases")) : paths;
            for (Path p : named) {
                if (!Files.exists(p)) {
                    throw usage(spec, p + ": no such file or folder");
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            DiagnoseService service = new DiagnoseService(knowledge.load(spec));
            PreviousRelease prev = null;
            if (previous != null) {
                prev = PreviousRelease.open(previous).orElse(null);
                if (prev == null) {
                    out.println("no previous release: " + previous.resolve("rdpdiag.jar") + " does not exist; "
                            + PreviousRelease.HOW_TO_BUILD + ". Its columns are left out.");
                }
            }
            try {
                List<Path> files = CostBenchmark.files(named);
                var costs = service.knowledgeBase().catalog().costs();
                out.println("files: " + files.size() + " from " + String.join(", ", named.stream().map(Path::toString).toList())
                        + (prev == null ? "" : "; previous release: " + prev.jar()));
                out.printf(Locale.ROOT, "minutes of the cost model of the knowledge base in use; trying the connection again "
                        + "after a fix that did not help: %.0f min; a rollback: its fix's work; handing on: %.0f min%n",
                        CostBenchmark.VERIFY_MINUTES, costs.escalation());
                CostBenchmark bench = new CostBenchmark(service, prev);
                List<CostBenchmark.Row> rows = bench.measure(files);
                if (perCase) {
                    CostBenchmark.perFile(rows).forEach(out::println);
                    out.println();
                }
                bench.summary(rows).forEach(out::println);
                out.flush();
                return 0;
            } finally {
                if (prev != null) {
                    prev.close();
                }
            }
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = {"Time the turnaround of 'rules watch': from saving a file to the check and test results for "
                    + "the whole case library. Works on a temporary copy of DIR; saves a rule file, then a case file, "
                    + "RUNS times each, after three warm-up saves, and prints the median, minimum and maximum."})
    static final class Watch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "rules",
                description = "Rules folder (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--runs", defaultValue = "7", description = "Saves of each kind (default: ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(dir.resolve("cases"))) {
                throw usage(spec, dir + ": expected a rules folder with a cases subfolder");
            }
            if (runs < 1) {
                throw usage(spec, "--runs must be at least 1");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("machine: " + StartupBenchmark.machine());
            out.flush();
            WatchBenchmark.Result r = WatchBenchmark.run(dir, runs);
            out.println(r.rules() + " rules, " + r.cases() + " cases; turnaround from save to results, " + runs + " saves each:");
            line(out, "rule file saved", r.ruleEdits());
            line(out, "case file saved", r.caseEdits());
            out.flush();
            return 0;
        }

        private static void line(PrintWriter out, String what, java.util.List<Long> ms) {
            out.printf(java.util.Locale.ROOT, "  %-16s median %5d ms  (min %d, max %d; runs %s)%n", what,
                    WatchBenchmark.median(ms), java.util.Collections.min(ms), java.util.Collections.max(ms), ms);
        }
    }

    @Command(name = "batch", mixinStandardHelpOptions = true,
            description = {"Throughput of 'batch' on a deterministic synthetic fleet in JSON Lines: (a) reading and "
                    + "validating the facts only, (b) the whole batch (read, diagnose, write the results), alternately, "
                    + "--runs times each, with medians, their ratio and peak memory; then what each stage of one host "
                    + "costs (--breakdown).",
                    "Run it as users run batch, e.g.: java -Xmx256m -jar target/rdpdiag-bench.jar batch --hosts 1000000"})
    static final class Batch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--hosts", defaultValue = "100000", description = "Hosts to generate (default: ${DEFAULT-VALUE}).")
        long hosts;

        @Option(names = "--file", paramLabel = "FILE", description = "Where the generated JSON Lines go (kept); "
                + "an existing file is used as it is. Default: a temporary file, deleted afterwards.")
        Path file;

        @Option(names = "--runs", defaultValue = "3", description = "Runs of each kind (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--threads", defaultValue = "0", description = "Worker threads (default: one per core).")
        int threads;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated fleet (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--breakdown", defaultValue = "20000", paramLabel = "HOSTS", description = "Afterwards, time each "
                + "stage of one host on one thread over the file's first HOSTS hosts: reading, the rule session alone, "
                + "the whole diagnosis, the result line; 0 for none (default: ${DEFAULT-VALUE}).")
        int breakdown;

        @Mixin
        KnowledgeChoice knowledge;

        @Override
        public Integer call() throws Exception {
            if (runs < 1 || hosts < 1 || breakdown < 0) {
                throw usage(spec, "--runs and --hosts must be at least 1, --breakdown at least 0");
            }
            PrintWriter out = spec.commandLine().getOut();
            DiagnoseService diagnoser = new DiagnoseService(knowledge.load(spec));
            BatchService service = new BatchService(diagnoser);
            boolean temporary = file == null;
            Path input = temporary ? Files.createTempFile("rdpdiag-fleet-", ".jsonl") : file;
            try {
                out.println("machine: " + StartupBenchmark.machine());
                out.println("JVM: max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB; load average before: "
                        + BatchBenchmark.loadAverage());
                if (temporary || !Files.exists(input)) {
                    FleetGenerator generator = new FleetGenerator(seed);
                    long t = System.nanoTime();
                    generator.writeJsonLines(input, hosts, 0);
                    out.printf(Locale.ROOT, "generated %,d hosts (seed %d, %d case templates) in %.1f s%n", hosts, seed,
                            generator.templates(), (System.nanoTime() - t) / 1e9);
                }
                out.printf(Locale.ROOT, "input: %s (%,d MB)%n", input, Files.size(input) >> 20);
                out.flush();
                BatchBenchmark bench = new BatchBenchmark(service, threads);
                List<Double> read = new ArrayList<>();
                List<Double> full = new ArrayList<>();
                long peakRss = 0;
                long peakHeap = 0;
                long retained = 0;
                Path scratch = input.toAbsolutePath().getParent();
                for (int i = 0; i < runs; i++) {
                    for (BatchBenchmark.Run r : List.of(bench.readOnly(input), bench.full(input, scratch))) {
                        out.println(BatchBenchmark.line(r));
                        out.flush();
                        (r.kind().startsWith("read") ? read : full).add(r.hostsPerSecond());
                        peakRss = Math.max(peakRss, r.peakRssKb());
                        peakHeap = Math.max(peakHeap, r.peakHeapBytes());
                        retained = Math.max(retained, r.retainedBytes());
                    }
                }
                double a = BatchBenchmark.median(read);
                double b = BatchBenchmark.median(full);
                out.printf(Locale.ROOT, "median (a) read and validate: %,.0f hosts/s%n", a);
                out.printf(Locale.ROOT, "median (b) full batch:        %,.0f hosts/s%n", b);
                out.printf(Locale.ROOT, "ratio (b)/(a): %.2f%n", b / a);
                out.printf(Locale.ROOT, "peak resident memory %,d MB; Java heap: grown to at most %,d MB (sum of the pools' "
                        + "peaks), at most %,d MB in use after a collection%n", peakRss / 1024, peakHeap >> 20, retained >> 20);
                if (breakdown > 0) {
                    BatchBenchmark.lines(BatchBenchmark.breakdown(diagnoser, input, breakdown, 5)).forEach(out::println);
                }
                out.println("load average after: " + BatchBenchmark.loadAverage());
                out.flush();
                return 0;
            } finally {
                if (temporary) {
                    Files.deleteIfExists(input);
                }
            }
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Load on 'rdpdiag serve' over loopback: the start to the first answered diagnosis, then "
                    + "POST /api/v1/diagnose at each number of connections and POST /api/v1/interview (one step, half "
                    + "way through an interview), and GET /api/v1/codes/0x904 for the HTTP layer alone, with "
                    + "throughput, p50/p99 latency, errors, the server's CPU per request and its heap after a full collection.",
                    "Runs the product jar this runs with, from the project folder (it reads facts/examples): "
                            + "java -jar target/rdpdiag-bench.jar serve"})
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--seconds", defaultValue = "10", description = "Seconds of load per level (default: ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--connections", split = ",", defaultValue = "1,8,64",
                description = "Levels of concurrent connections for diagnose (default: ${DEFAULT-VALUE}).")
        List<Integer> connections;

        @Option(names = "--interview-connections", defaultValue = "8",
                description = "Concurrent connections for the interview step (default: ${DEFAULT-VALUE}).")
        int interviewConnections;

        @Option(names = "--soak", paramLabel = "SECONDS", defaultValue = "0",
                description = "Then one long run of diagnose at the highest level, with the heap before and after (0: none).")
        double soak;

        @Option(names = "--jvm", paramLabel = "OPTION", description = "A JVM option for the server (repeatable), e.g. -Xmx256m.")
        List<String> jvm = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Path jar = StartupBenchmark.productJar();
            if (jar == null) {
                throw usage(spec, "serve must run with the product jar on the class path (java -jar target/rdpdiag-bench.jar ...)");
            }
            if (!Files.isDirectory(Path.of("facts", "examples"))) {
                throw usage(spec, "run it from the project folder: it sends the hosts of facts/examples");
            }
            PrintWriter out = spec.commandLine().getOut();
            List<ServeBenchmark.Request> diagnoses = new ArrayList<>();
            List<ServeBenchmark.Request> steps = new ArrayList<>();
            ServeLoad.requests(diagnoses, steps);
            out.println("machine: " + StartupBenchmark.machine());
            out.println("server: java " + String.join(" ", jvm) + " -jar " + jar + " serve --port 0 (loopback); "
                    + diagnoses.size() + " distinct generated hosts, " + steps.size() + " interview states of the examples");
            ServeBenchmark bench = new ServeBenchmark(jar, out);
            try {
                out.println(String.format(Locale.ROOT, "start to the first answered diagnosis: %.0f ms", bench.start(jvm, diagnoses.get(0))));
                bench.run("warm-up", diagnoses, 8, Math.min(10, seconds));
                out.println(String.format(Locale.ROOT, "heap after warm-up and a full GC: %.1f MB", bench.heapAfterGc()));
                for (int c : connections) {
                    bench.print(bench.run("diagnose", diagnoses, c, seconds));
                }
                // The HTTP layer alone: a small answer that costs no diagnosis, at the highest level.
                List<ServeBenchmark.Request> codes = List.of(ServeBenchmark.get("0x904", "/api/v1/codes/0x904"),
                        ServeBenchmark.get("0x7", "/api/v1/codes/0x7"));
                bench.run("warm-up", codes, 8, Math.min(3, seconds));
                bench.print(bench.run("codes", codes, connections.stream().mapToInt(Integer::intValue).max().orElse(64), seconds));
                bench.run("warm-up", steps, interviewConnections, Math.min(5, seconds));
                bench.print(bench.run("interview", steps, interviewConnections, seconds));
                out.println(String.format(Locale.ROOT, "heap after the runs and a full GC: %.1f MB", bench.heapAfterGc()));
                if (soak > 0) {
                    int top = connections.stream().mapToInt(Integer::intValue).max().orElse(64);
                    ServeBenchmark.Result r = bench.run("soak", diagnoses, top, soak);
                    bench.print(r);
                    out.println(String.format(Locale.ROOT, "heap after the soak and a full GC: %.1f MB", bench.heapAfterGc()));
                }
            } finally {
                bench.stop();
            }
            return 0;
        }
    }
}
