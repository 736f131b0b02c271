package org.rdpdiag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rdpdiag.authoring.CaseReader;
import org.rdpdiag.authoring.CaseSpec;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.strategy.Standing;
import org.rdpdiag.engine.Status;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Tried;
import org.rdpdiag.facts.TriedOutcome;
import org.rdpdiag.interview.Replay;
import org.rdpdiag.knowledge.Applicability;
import org.rdpdiag.knowledge.Catalog;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.Costs;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.Question;
import org.rdpdiag.plan.PlanStep;
import org.rdpdiag.plan.StepKind;

/**
 * What troubleshooting costs from the first question to the repair, on recorded hosts. Each
 * facts or case file is one consultation: the interview is replayed on it (each question gets the
 * file's value, or "unknown"), then the plan of the facts the interview ends with is followed in
 * its printed order, without planning again. A check costs its minutes; a fix costs its minutes
 * and disruption, and ends the consultation when it repairs one of the file's right causes;
 * otherwise the failure persists, the fix counts as a wrong one, and the connection is tried
 * again ({@link #VERIFY_MINUTES}) and a risky fix rolled back before the next step. Reaching
 * escalation, or the end of the plan, costs the hand-over and ends unresolved. An oracle that
 * knows the right cause pays only the first fix of it. Every figure is in minutes of the current
 * cost model, for the previous release too, so the two are compared on the same scale.
 *
 * <p>Deterministic: no timing, and the same files give the same figures.
 */
public final class CostBenchmark {
    /** Trying the connection again after a fix: not in the cost model, so one minute here. */
    public static final double VERIFY_MINUTES = 1;
    /** The family of files whose full facts establish no cause. */
    public static final String NO_CAUSE = "(no cause to reach)";

    private static final Pattern CASE_KEY = Pattern.compile("(?m)^(facts|factsFile|expect)\\s*:");

    /** One plan step as the walk sees it, whichever release wrote it; kinds as {@code StepKind.word()}. */
    public record Step(String kind, String id, List<String> addresses, String rollbackOf) {
        public Step {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * What one release made of one file.
     *
     * @param questions     the ids of the questions the interview asked, in order
     * @param sameLead      whether the interview ends with the leader of the full facts (ties count)
     * @param interviewPlan the plan of the facts known when the interview ended
     * @param fullPlan      the plan of the whole file
     * @param fullConfirmed the real causes the whole file confirms
     */
    public record Run(List<String> questions, boolean sameLead, List<Step> interviewPlan, List<Step> fullPlan,
            Set<String> fullConfirmed) {}

    /** The plan followed in order until a fix repairs a right cause, or the case is handed on. */
    public record Walk(int checks, int wrongFixes, boolean resolved, double minutes, String end) {}

    /**
     * A release's figures on one file.
     *
     * @param fixEarly     whether the plan of the full facts has a fix for a confirmed cause among its
     *                     first three steps; null when the full facts confirm nothing
     * @param unsafeChecks checks that change the host placed before a check that only reads
     */
    public record Consultation(int questions, int askedFirst, double questionMinutes, Walk walk, boolean sameLead,
            Boolean fixEarly, int unsafeChecks) {
        public int afterCodes() {
            return questions - askedFirst;
        }

        /** Interview and plan walk together, in minutes. */
        public double total() {
            return questionMinutes + walk.minutes();
        }
    }

    /**
     * One file's figures.
     *
     * @param rightCauses the causes whose repair ends the failure; empty: no cause to reach
     * @param cause       the one the file is counted under (its expected top cause, else the best
     *                    ranked on the full facts); null when there is none
     * @param previous    the previous release's figures, or null
     */
    public record Row(String file, List<String> rightCauses, String cause, String family, double oracle,
            Consultation current, Consultation previous) {
        public boolean reachable() {
            return cause != null;
        }
    }

    private final DiagnoseService service;
    private final Catalog catalog;
    private final Costs costs;
    private final PreviousRelease previous;
    /** Step ids of the previous release that the current catalogue lacks; costed at the defaults. */
    private final Set<String> missing = Collections.synchronizedSet(new java.util.TreeSet<>());

    /** @param previous the previous release to simulate beside this one, or null */
    public CostBenchmark(DiagnoseService service, PreviousRelease previous) {
        this.service = service;
        this.catalog = service.knowledgeBase().catalog();
        this.costs = catalog.costs();
        this.previous = previous;
    }

    /** The facts and case files named, folders expanded to their {@code .yaml} and {@code .json} files, sorted. */
    public static List<Path> files(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".json")).sorted().forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** Files left out because the previous release cannot read them (steps already tried, observations added since). */
    private final List<String> leftOut = Collections.synchronizedList(new ArrayList<>());

    /**
     * Every file measured, in the order of their labels. Beside a previous release, a file whose facts
     * record steps already tried is left out: that release cannot read it, and the two would not be
     * compared on the same files.
     */
    public List<Row> measure(List<Path> files) {
        List<Path> kept = files;
        if (previous != null) {
            kept = files.stream().filter(f -> {
                boolean tried = !(isCase(f) ? CaseReader.read(f, vocabulary()).facts() : CaseReader.factsOf(f, vocabulary())).tried().isEmpty();
                boolean unreadable = tried || !previous.reads(f);
                if (unreadable) {
                    leftOut.add(label(f));
                }
                return !unreadable;
            }).toList();
        }
        return kept.parallelStream().map(this::measure).sorted(Comparator.comparing(Row::file)).toList();
    }

    /** The vocabulary of the knowledge base measured: with --rules, files may use its new observations. */
    private org.rdpdiag.facts.Vocabulary vocabulary() {
        return service.knowledgeBase().vocabulary();
    }

    /** One file: its folder's name and the file's name, without the extension. */
    static String label(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        String name = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return parent == null || parent.getFileName() == null ? name : parent.getFileName() + "/" + name;
    }

    public Row measure(Path file) {
        CaseSpec spec = isCase(file) ? CaseReader.read(file, vocabulary()) : null;
        HostFacts full = spec != null ? spec.facts() : CaseReader.factsOf(file, vocabulary());
        Diagnosis fullDiagnosis = service.diagnose(full);
        List<String> right = rightCauses(spec, fullDiagnosis.causes());
        String cause = mainCause(spec, right, fullDiagnosis.causes());
        String family = cause == null ? NO_CAUSE : catalog.cause(cause).map(Cause::family).orElse("?");
        Set<String> rightSet = Set.copyOf(right);
        Consultation now = continued(current(full, fullDiagnosis), full, rightSet);
        Consultation before = previous == null ? null : consult(previous.run(file), rightSet);
        return new Row(label(file), right, cause, family, oracle(right, full), now, before);
    }

    private static boolean isCase(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
            return false;
        }
        try {
            return CASE_KEY.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            return false;
        }
    }

    /** The current release on one file. */
    private Run current(HostFacts full, Diagnosis fullDiagnosis) {
        Replay.Transcript t = Replay.run(service, HostFacts.unknown(full.vocabulary(), full.id()), full);
        List<CauseAssessment> ended = t.diagnosis().causes();
        boolean same = Standing.leads(Standing.leader(ended).cause().id(), fullDiagnosis.causes());
        Set<String> confirmed = new LinkedHashSet<>();
        fullDiagnosis.causes().stream().filter(a -> !a.cause().isContext() && a.status() == Status.CONFIRMED)
                .forEach(a -> confirmed.add(a.cause().id()));
        return new Run(t.steps().stream().map(Replay.Step::questionId).toList(), same, steps(t.diagnosis()),
                steps(fullDiagnosis), confirmed);
    }

    private static List<Step> steps(Diagnosis d) {
        return d.plan().steps().stream().map(CostBenchmark::step).toList();
    }

    private static Step step(PlanStep s) {
        return new Step(s.kind().word(), s.id(), s.addresses(), s.rollbackOf());
    }

    /**
     * The causes whose repair ends the failure: a case's expected confirmed and likely causes and
     * its expected top cause; else, and for a facts file, the leader of the full facts when it is
     * confirmed or likely.
     */
    static List<String> rightCauses(CaseSpec spec, List<CauseAssessment> fullRanking) {
        Set<String> out = new LinkedHashSet<>();
        if (spec != null) {
            spec.expect().causes().forEach((cause, status) -> {
                if ("confirmed".equals(status) || "likely".equals(status)) {
                    out.add(cause);
                }
            });
            if (spec.expect().topCause() != null) {
                out.add(spec.expect().topCause());
            }
        }
        if (out.isEmpty()) {
            CauseAssessment lead = Standing.leader(fullRanking);
            if (!lead.cause().isContext() && (lead.status() == Status.CONFIRMED || lead.status() == Status.LIKELY)) {
                out.add(lead.cause().id());
            }
        }
        return List.copyOf(out);
    }

    /** The cause a file is counted under: its expected top cause, else the right cause ranked first on the full facts. */
    static String mainCause(CaseSpec spec, List<String> right, List<CauseAssessment> fullRanking) {
        if (right.isEmpty()) {
            return null;
        }
        if (spec != null && spec.expect().topCause() != null) {
            return spec.expect().topCause();
        }
        for (CauseAssessment a : fullRanking) {
            if (right.contains(a.cause().id())) {
                return a.cause().id();
            }
        }
        return right.get(0);
    }

    /**
     * What an oracle that knows the fault pays: the first fix, in the strategy's order for that
     * cause, that applies to the host and no policy withholds; the cheapest over the right causes.
     * A cause without such a fix costs the hand-over.
     */
    double oracle(List<String> right, HostFacts full) {
        double best = Double.NaN;
        for (String id : right) {
            Cause cause = catalog.cause(id).orElse(null);
            double cost = costs.escalation();
            if (cause != null) {
                for (Fix f : service.strategy().fixOrder(cause)) {
                    if (Applicability.fits(f.appliesWhen(), full)
                            && catalog.policies().stream().noneMatch(p -> p.holds(full) && p.withholds(f))) {
                        cost = costs.of(f).total();
                        break;
                    }
                }
            }
            best = Double.isNaN(best) ? cost : Math.min(best, cost);
        }
        return Double.isNaN(best) ? 0 : best;
    }

    /**
     * At most this many rounds of interview and plan, a guard only: each round must learn something
     * (an answer, a check's finding or a fix that did not help), and a plan whose stage ends after
     * one fix makes one round per fix tried.
     */
    static final int MAX_ROUNDS = 40;

    /**
     * The current release as its output tells a user to go on: the interview, then the plan in
     * order (each check answered from the file, each wrong fix recorded as tried and still failing),
     * and when the plan ends without the repair, the consultation continued with everything learnt
     * (`ask --facts` on the saved answers), until the right fix or a round that learns nothing.
     */
    private Consultation continued(Run first, HostFacts full, Set<String> right) {
        Consultation round1 = consult(first, right);
        Map<String, Object> learnt = new java.util.LinkedHashMap<>();
        List<Tried> tried = new java.util.ArrayList<>();
        List<String> questions = new java.util.ArrayList<>();
        int checks = 0;
        int wrong = 0;
        double minutes = 0;
        // What nobody could tell is saved with the answers, and not asked again in the next round.
        Set<String> unknown = new java.util.LinkedHashSet<>();
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            unknown.removeAll(learnt.keySet());
            HostFacts start = FactValues.toFacts(full.vocabulary(), full.id(), learnt, tried).withAnsweredUnknown(unknown);
            Replay.Transcript t = Replay.run(service, start, full);
            t.steps().forEach(step -> questions.add(step.questionId()));
            FactValues.of(t.facts()).forEach(learnt::putIfAbsent);
            unknown.addAll(t.facts().answeredUnknown());
            boolean news = !t.steps().isEmpty() && t.steps().stream().anyMatch(step -> step.answer() != null);
            List<PlanStep> plan = t.diagnosis().plan().steps();
            // After a connection test that sends the user back to the consultation, the checks
            // that follow are made and the round ends before the next fix: the next round decides it.
            boolean consultAgain = false;
            walk:
            for (int i = 0; i < plan.size(); i++) {
                PlanStep s = plan.get(i);
                if (consultAgain && s.kind() == StepKind.FIX) {
                    break walk;
                }
                consultAgain |= s.consultAgain();
                switch (s.kind()) {
                    case CHECK -> {
                        checks++;
                        minutes += checkCost(s.id());
                        for (String path : catalog.check(s.id()).map(Check::decides).orElse(List.of())) {
                            Object value = full.value(path);
                            if (value != null && !learnt.containsKey(path)) {
                                learnt.put(path, value);
                                news = true;
                            } else if (value == null && !learnt.containsKey(path)) {
                                // The check could not tell: saved as unknown, as an answer would be.
                                unknown.add(path);
                            }
                        }
                    }
                    case FIX -> {
                        minutes += fixCost(s.id());
                        if (!Collections.disjoint(s.addresses(), right)) {
                            return new Consultation(questions.size(), round1.askedFirst(),
                                    questions.stream().mapToDouble(this::questionMinutes).sum(),
                                    new Walk(checks, wrong, true, minutes, "round " + round + ", step " + (i + 1) + ", "
                                            + s.id() + ", repairs it"), round1.sameLead(), round1.fixEarly(),
                                    round1.unsafeChecks());
                        }
                        wrong++;
                        tried.add(new Tried(s.id(), TriedOutcome.STILL_FAILS));
                        news = true;
                    }
                    case VERIFY -> minutes += VERIFY_MINUTES;
                    case ROLLBACK -> minutes += rollbackCost(s.rollbackOf());
                    default -> {
                        // Escalation and prevention close a round's plan; but gathering the evidence
                        // before the fixes of weak candidates (no known cause) is work done on the way.
                        final int at = i;
                        if (s.kind() == StepKind.ESCALATE && plan.stream().skip(at + 1).anyMatch(x -> x.kind() == StepKind.FIX)) {
                            minutes += fixCost(s.id());
                        }
                    }
                }
            }
            if (!news) {
                break;
            }
        }
        return new Consultation(questions.size(), round1.askedFirst(), questions.stream().mapToDouble(this::questionMinutes).sum(),
                new Walk(checks, wrong, false, minutes + costs.escalation(), "handed on when a round learnt nothing"),
                round1.sameLead(), round1.fixEarly(), round1.unsafeChecks());
    }

    private Consultation consult(Run run, Set<String> right) {
        int first = (int) run.questions().stream().filter(q -> catalog.question(q).map(Question::askFirst).orElse(false)).count();
        double minutes = run.questions().stream().mapToDouble(this::questionMinutes).sum();
        Boolean early = null;
        if (!run.fullConfirmed().isEmpty()) {
            early = run.fullPlan().stream().limit(3).anyMatch(s -> "fix".equals(s.kind())
                    && !Collections.disjoint(s.addresses(), run.fullConfirmed()));
        }
        return new Consultation(run.questions().size(), first, minutes, walk(run.interviewPlan(), right), run.sameLead(),
                early, unsafeChecks(run.fullPlan(), this::changesHost));
    }

    // ---- the cost model, by catalogue id (the previous release's ids are looked up here too) ----

    double questionMinutes(String id) {
        Question q = catalog.question(id).orElse(null);
        if (q == null) {
            missing.add("question " + id);
            return costs.settings().questionMinutes() == null ? 1 : costs.settings().questionMinutes();
        }
        return costs.of(q, q.check() == null ? null : catalog.check(q.check()).orElse(null)).total();
    }

    double checkCost(String id) {
        return catalog.check(id).map(c -> costs.of(c).total()).orElseGet(() -> {
            missing.add("check " + id);
            return costs.settings().checkMinutes().getOrDefault(3, 10.0);
        });
    }

    double fixCost(String id) {
        return catalog.fix(id).map(f -> costs.of(f).total()).orElseGet(() -> defaultFix(id));
    }

    double rollbackCost(String fixId) {
        return catalog.fix(fixId).map(f -> costs.of(f).minutes()).orElseGet(() -> defaultFix(fixId));
    }

    private double defaultFix(String id) {
        missing.add("fix " + id);
        return costs.settings().fixMinutes().getOrDefault(3, 15.0);
    }

    boolean changesHost(String checkId) {
        return catalog.check(checkId).map(Check::changesHost).orElse(false);
    }

    /** Follows a plan in its printed order; see the class comment for what each step costs. */
    public Walk walk(List<Step> plan, Set<String> right) {
        int checks = 0;
        int wrong = 0;
        double minutes = 0;
        for (int i = 0; i < plan.size(); i++) {
            Step s = plan.get(i);
            switch (s.kind()) {
                case "check" -> {
                    checks++;
                    minutes += checkCost(s.id());
                }
                case "fix" -> {
                    minutes += fixCost(s.id());
                    if (!Collections.disjoint(s.addresses(), right)) {
                        return new Walk(checks, wrong, true, minutes, "step " + (i + 1) + ", " + s.id() + ", repairs it");
                    }
                    wrong++;
                }
                case "verify" -> minutes += VERIFY_MINUTES;
                case "rollback" -> minutes += rollbackCost(s.rollbackOf());
                case "escalate", "prevent" -> {
                    return new Walk(checks, wrong, false, minutes + costs.escalation(), "handed on at step " + (i + 1));
                }
                default -> throw new IllegalStateException("unknown step kind " + s.kind());
            }
        }
        return new Walk(checks, wrong, false, minutes + costs.escalation(), "handed on after the last step");
    }

    /** Checks that change the host and stand before a check that only reads. */
    static int unsafeChecks(List<Step> plan, Predicate<String> changesHost) {
        int pending = 0;
        int unsafe = 0;
        for (Step s : plan) {
            if (!"check".equals(s.kind())) {
                continue;
            }
            if (changesHost.test(s.id())) {
                pending++;
            } else {
                unsafe += pending;
                pending = 0;
            }
        }
        return unsafe;
    }

    // ---- the report ------------------------------------------------------------------------

    /** One line per file. */
    public static List<String> perFile(List<Row> rows) {
        boolean prev = rows.stream().anyMatch(r -> r.previous() != null);
        List<String> out = new ArrayList<>();
        String head = String.format(Locale.ROOT, "%-58s %-40s %4s %5s %6s %5s %4s %7s %6s", "file", "right cause",
                "asked", "after", "checks", "wrong", "ok", "cost", "oracle");
        out.add(prev ? head + "  | previous: asked checks wrong ok    cost" : head);
        for (Row r : rows) {
            String line = String.format(Locale.ROOT, "%-58s %-40s %4d %5d %6d %5d %4s %7.1f %6.1f", r.file(),
                    r.reachable() ? r.cause() + (r.rightCauses().size() > 1 ? " +" + (r.rightCauses().size() - 1) : "") : "-",
                    r.current().questions(), r.current().afterCodes(), r.current().walk().checks(),
                    r.current().walk().wrongFixes(), ok(r, r.current()), r.current().total(), r.oracle());
            if (r.previous() != null) {
                Consultation p = r.previous();
                line += String.format(Locale.ROOT, "  |           %5d %6d %5d %3s %7.1f", p.questions(), p.walk().checks(),
                        p.walk().wrongFixes(), ok(r, p), p.total());
            }
            out.add(line);
        }
        return out;
    }

    private static String ok(Row r, Consultation c) {
        return !r.reachable() ? "n/a" : c.walk().resolved() ? "yes" : "no";
    }

    /** The figures of one group of files for one release. */
    record Figures(int files, int reachable, double questions, double median, double afterCodes, double checks,
            double wrongFixes, int resolved, double cost, double oracle, int sameLead) {
        double ratio() {
            return oracle == 0 ? Double.NaN : cost / oracle;
        }
    }

    static Figures figures(List<Row> rows, Function<Row, Consultation> release) {
        List<Row> reach = rows.stream().filter(Row::reachable).toList();
        List<Integer> asked = rows.stream().map(r -> release.apply(r).questions()).sorted().toList();
        return new Figures(rows.size(), reach.size(),
                rows.stream().mapToInt(r -> release.apply(r).questions()).average().orElse(0), median(asked),
                rows.stream().mapToInt(r -> release.apply(r).afterCodes()).average().orElse(0),
                reach.stream().mapToInt(r -> release.apply(r).walk().checks()).average().orElse(0),
                reach.stream().mapToInt(r -> release.apply(r).walk().wrongFixes()).average().orElse(0),
                (int) reach.stream().filter(r -> release.apply(r).walk().resolved()).count(),
                reach.stream().mapToDouble(r -> release.apply(r).total()).average().orElse(0),
                reach.stream().mapToDouble(Row::oracle).average().orElse(0),
                (int) rows.stream().filter(r -> release.apply(r).sameLead()).count());
    }

    static double median(List<Integer> sorted) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    /** The tables: overall and per family of the right cause, each release on its own line; then the plan figures. */
    public List<String> summary(List<Row> rows) {
        boolean prev = rows.stream().allMatch(r -> r.previous() != null) && !rows.isEmpty();
        List<String> out = new ArrayList<>();
        if (!leftOut.isEmpty()) {
            out.add("left out beside the previous release, which cannot read them (steps already tried, or observations added since): "
                    + String.join(", ", leftOut.stream().sorted().toList()));
        }
        out.add(String.format(Locale.ROOT, "%-22s %-8s %5s %5s %6s %6s %6s %6s %6s %10s %7s %7s %6s  %s", "family", "release",
                "files", "reach", "asked", "median", "after", "checks", "wrong", "resolved", "cost", "oracle", "ratio",
                "same lead"));
        Map<String, List<Row>> byFamily = new TreeMap<>(Comparator.comparing((String f) -> f.equals(NO_CAUSE)).thenComparing(f -> f));
        rows.forEach(r -> byFamily.computeIfAbsent(r.family(), k -> new ArrayList<>()).add(r));
        Map<String, List<Row>> groups = new java.util.LinkedHashMap<>();
        groups.put("overall", rows);
        groups.putAll(byFamily);
        groups.forEach((name, group) -> {
            out.add(tableLine(name, "new", figures(group, Row::current)));
            if (prev) {
                out.add(tableLine("", "previous", figures(group, Row::previous)));
            }
        });
        out.add("");
        out.add("asked: mean questions of the interview (all files); median: their median; after: mean questions after the "
                + "codes; checks, wrong (fixes tried that did not help), cost (interview and plan, minutes), oracle "
                + "(the first fix of the right cause, minutes) and ratio (cost / oracle): means over the files with a "
                + "cause to reach; resolved: of those files; same lead: the interview ends with the leader of the full "
                + "facts (ties count).");
        out.add(planLine("new", rows, Row::current));
        if (prev) {
            out.add(planLine("previous", rows, Row::previous));
        }
        List<Row> late = rows.stream().filter(r -> Boolean.FALSE.equals(r.current().fixEarly())).toList();
        out.add("new: files whose full facts confirm a cause without a fix for it in the first 3 steps: "
                + (late.isEmpty() ? "none" : String.join(", ", late.stream().map(Row::file).toList())));
        List<Row> none = rows.stream().filter(r -> !r.reachable()).toList();
        out.add("no cause to reach (nothing confirmed or likely on the full facts; left out of the cost means): "
                + (none.isEmpty() ? "none" : String.join(", ", none.stream().map(Row::file).toList())));
        List<Row> unresolved = rows.stream().filter(r -> r.reachable() && !r.current().walk().resolved()).toList();
        out.add("not resolved by the new release: " + (unresolved.isEmpty() ? "none" : ""));
        unresolved.forEach(r -> out.add(String.format(Locale.ROOT, "  %s (%s): %s", r.file(),
                String.join(", ", r.rightCauses()), r.current().walk().end())));
        if (prev) {
            List<Row> worse = rows.stream().filter(r -> r.reachable() && r.current().total() > r.previous().total() + 1e-9)
                    .toList();
            out.add("files where the new release costs more than the previous one: " + worse.size()
                    + (worse.isEmpty() ? "" : " (new / previous minutes)"));
            worse.forEach(r -> out.add(String.format(Locale.ROOT, "  %s: %.1f / %.1f (questions %d / %d, wrong fixes %d / %d%s)",
                    r.file(), r.current().total(), r.previous().total(), r.current().questions(), r.previous().questions(),
                    r.current().walk().wrongFixes(), r.previous().walk().wrongFixes(),
                    r.current().walk().resolved() == r.previous().walk().resolved() ? ""
                            : r.current().walk().resolved() ? ", only the new one resolves it" : ", only the previous one resolves it")));
        }
        if (!missing.isEmpty()) {
            out.add("previous release's ids missing from the current catalogue (costed at the defaults): "
                    + String.join(", ", missing));
        }
        return out;
    }

    private static String tableLine(String name, String release, Figures f) {
        String asked = String.format(Locale.ROOT, "%-22s %-8s %5d %5d %6.2f %6.1f %6.2f ", name, release, f.files(),
                f.reachable(), f.questions(), f.median(), f.afterCodes());
        String plan = f.reachable() == 0 ? String.format(Locale.ROOT, "%6s %6s %10s %7s %7s %6s", "-", "-", "-", "-", "-", "-")
                : String.format(Locale.ROOT, "%6.2f %6.2f %4d of %-2d %7.1f %7.1f %6.2f", f.checks(), f.wrongFixes(),
                        f.resolved(), f.reachable(), f.cost(), f.oracle(), f.ratio());
        return asked + plan + String.format(Locale.ROOT, " %4d of %d", f.sameLead(), f.files());
    }

    private static String planLine(String release, List<Row> rows, Function<Row, Consultation> of) {
        List<Boolean> early = rows.stream().map(r -> of.apply(r).fixEarly()).filter(java.util.Objects::nonNull).toList();
        long yes = early.stream().filter(Boolean::booleanValue).count();
        int unsafe = rows.stream().mapToInt(r -> of.apply(r).unsafeChecks()).sum();
        long plans = rows.stream().filter(r -> of.apply(r).unsafeChecks() > 0).count();
        return String.format(Locale.ROOT, "%s: a confirmed cause's fix within the first 3 steps of the full facts' plan in "
                + "%d of %d files with a confirmed cause; checks that change the host before a read-only check: %d (in %d "
                + "plans)", release, yes, early.size(), unsafe, plans);
    }
}
