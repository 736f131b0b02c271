package org.rdpdiag.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.facts.FactsProblem;
import org.rdpdiag.facts.FactsReader;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and cross-checks the catalogue files. Reports every problem with its file and line.
 *
 * <p>Over 400 lines because every kind of entry (cause, fix, check, question, pair, policy, the
 * cost model) is checked against the others here, where all of them and their locations are known.
 */
final class CatalogLoader {
    private static final List<String> RESTART = java.util.Arrays.stream(Restart.values()).map(Restart::word).toList();
    private static final Set<String> FIX_KINDS = Set.of("fix", "escalate", "prevent");
    /** The keys of the costs section, each located so that a lint can point at the figure. */
    private static final List<String> COST_KEYS = List.of("checkMinutes", "questionMinutes", "fixMinutes", "fixResolves",
            "restart", "clientRestart", "collateralRisk", "reducesSecurity", "changesHost", "escalation", "noKnownCause");

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The shape of one catalogue file; every list is optional. */
    record CatalogFile(String family, List<Cause> causes, List<Fix> fixes, List<Check> checks,
            List<ErrorCode> codes, List<SeedClaim> seedClaims, List<Question> questions, List<SeedPair> seedPairs,
            CostSettings costs, List<Policy> policies, List<Contradiction> contradictions, List<DialogMessage> dialogs) {}

    private final KnowledgeSource source;
    private final Vocabulary vocabulary;
    private final List<KnowledgeProblem> problems = new ArrayList<>();
    /** Whether a file is not well-formed YAML. */
    private boolean malformed;
    /** Where each entry is defined, by "cause id", "fix id" or "check id". */
    private final Map<String, Where> where = new LinkedHashMap<>();

    private record Where(String file, int line, int column) {}

    CatalogLoader(KnowledgeSource source, Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.source = source;
    }

    Catalog load() {
        Map<String, Cause> causes = new LinkedHashMap<>();
        Map<String, Fix> fixes = new LinkedHashMap<>();
        Map<String, Check> checks = new LinkedHashMap<>();
        Map<String, Question> questions = new LinkedHashMap<>();
        Map<String, String> definedIn = new LinkedHashMap<>();
        List<ErrorCode> codes = new ArrayList<>();
        List<SeedClaim> claims = new ArrayList<>();
        Map<String, SeedPair> pairs = new LinkedHashMap<>();
        CostSettings costs = null;
        Map<String, Policy> policies = new LinkedHashMap<>();
        Map<String, Contradiction> contradictions = new LinkedHashMap<>();
        Map<String, DialogMessage> dialogs = new LinkedHashMap<>();
        for (Path file : source.catalogFiles()) {
            String name = source.display(file);
            String text = readText(file, name);
            CatalogFile cf = text == null ? null : parse(text, name);
            if (cf == null) {
                continue;
            }
            YamlLocations locations = YamlLocations.of(text);
            remember("cause", "causes", cf.causes(), Cause::id, name, locations);
            remember("fix", "fixes", cf.fixes(), Fix::id, name, locations);
            remember("check", "checks", cf.checks(), Check::id, name, locations);
            remember("question", "questions", cf.questions(), Question::id, name, locations);
            remember("pair", "seedPairs", cf.seedPairs(), SeedPair::id, name, locations);
            remember("policy", "policies", cf.policies(), Policy::id, name, locations);
            remember("contradiction", "contradictions", cf.contradictions(), Contradiction::id, name, locations);
            remember("dialog", "dialogs", cf.dialogs(), DialogMessage::id, name, locations);
            for (DialogMessage m : nonNull(cf.dialogs())) {
                if (unique(definedIn, "dialog " + m.id(), name)) {
                    dialogs.put(m.id(), m);
                }
            }
            for (Contradiction k : nonNull(cf.contradictions())) {
                if (unique(definedIn, "contradiction " + k.id(), name)) {
                    contradictions.put(k.id(), k);
                }
            }
            for (Policy p : nonNull(cf.policies())) {
                if (unique(definedIn, "policy " + p.id(), name)) {
                    policies.put(p.id(), p);
                }
            }
            for (Cause c : nonNull(cf.causes())) {
                Cause withFamily = c.family() != null || cf.family() == null ? c
                        : new Cause(c.id(), c.title(), cf.family(), c.kind(), c.explanation(), c.pairs(),
                                c.sources(), c.claimStatus(), c.claimNote(), c.prior(), c.explains(), c.fixes(), c.explainedBy());
                if (unique(definedIn, "cause " + c.id(), name)) {
                    causes.put(c.id(), withFamily);
                }
            }
            for (Fix f : nonNull(cf.fixes())) {
                if (unique(definedIn, "fix " + f.id(), name)) {
                    fixes.put(f.id(), f);
                }
            }
            for (Check k : nonNull(cf.checks())) {
                if (unique(definedIn, "check " + k.id(), name)) {
                    checks.put(k.id(), k);
                }
            }
            for (Question q : nonNull(cf.questions())) {
                if (unique(definedIn, "question " + q.id(), name)) {
                    questions.put(q.id(), q);
                }
            }
            for (SeedPair p : nonNull(cf.seedPairs())) {
                if (unique(definedIn, "pair " + p.id(), name)) {
                    pairs.put(p.id(), p);
                }
            }
            codes.addAll(nonNull(cf.codes()));
            claims.addAll(nonNull(cf.seedClaims()));
            if (cf.costs() != null) {
                YamlLocations.Position p = locations.find(List.of("costs"));
                where.putIfAbsent("costs section", new Where(name, p.line(), p.column()));
                for (String key : COST_KEYS) {
                    YamlLocations.Position k = locations.find(List.of("costs", key));
                    where.putIfAbsent("costs " + key, new Where(name, k.line(), k.column()));
                }
                if (unique(definedIn, "costs section", name)) {
                    costs = cf.costs();
                }
            }
        }
        if (malformed) {
            // Entries of the file that does not parse are missing, so checking what refers to
            // them would only add errors that vanish once it parses.
            throw new KnowledgeException(problems);
        }
        causes.values().forEach(c -> checkCause(c, fixes, definedIn.get("cause " + c.id())));
        checkExplainedBy(causes, definedIn);
        fixes.values().forEach(f -> checkFix(f, definedIn.get("fix " + f.id())));
        checks.values().forEach(k -> checkCheck(k, definedIn.get("check " + k.id())));
        Map<String, String> askedBy = new LinkedHashMap<>();
        questions.values().forEach(q -> checkQuestion(q, checks, askedBy, definedIn.get("question " + q.id())));
        pairs.values().forEach(p -> require(p.id() != null && p.id().matches("P\\d{2,}"),
                definedIn.get("pair " + p.id()), "pair " + p.id() + " needs an id like P01"));
        checkPairs(pairs, causes, fixes, checks, definedIn);
        policies.values().forEach(p -> checkPolicy(p, definedIn.get("policy " + p.id())));
        contradictions.values().forEach(k -> checkContradiction(k, definedIn.get("contradiction " + k.id())));
        dialogs.values().forEach(m -> checkDialog(m, definedIn.get("dialog " + m.id())));
        if (costs == null && (!fixes.isEmpty() || !checks.isEmpty() || !questions.isEmpty())) {
            problems.add(KnowledgeProblem.error(source.display(source.root()), 0, 0,
                    "no catalogue file has a costs section: the plan and the interview need the cost model"
                            + " (copy rules/costs.yaml from rdpdiag's own knowledge base)"));
        } else if (costs != null) {
            checkCosts(costs, definedIn.get("costs section"));
        }
        if (!problems.isEmpty()) {
            throw new KnowledgeException(problems);
        }
        Map<String, Catalog.Location> locations = new LinkedHashMap<>();
        where.forEach((k, w) -> locations.put(k, new Catalog.Location(w.file(), w.line(), w.column())));
        return new Catalog(causes, fixes, checks, codes, claims, questions, List.copyOf(pairs.values()), locations,
                // Rules without a catalogue have nothing to plan, so no cost model to need.
                new Costs(costs != null ? costs : new CostSettings(null, null, null, null, null, null, null, null, null,
                        null, null, null)), List.copyOf(policies.values()), List.copyOf(contradictions.values()),
                List.copyOf(dialogs.values()));
    }

    private String readText(Path file, String name) {
        try {
            String text = Files.readString(file);
            return text.isBlank() ? null : text;
        } catch (IOException e) {
            problems.add(KnowledgeProblem.error(name, 0, 0, "cannot read: " + e.getMessage()));
            return null;
        }
    }

    private CatalogFile parse(String text, String name) {
        try {
            return YAML.readValue(text, CatalogFile.class);
        } catch (JacksonException e) {
            // Jackson places a syntax error at the start of the enclosing block; the YAML
            // reader of facts files knows where it really is and how to word it.
            Optional<FactsProblem> syntax = FactsReader.yamlSyntaxError(text, name);
            if (syntax.isPresent()) {
                FactsProblem p = syntax.get();
                problems.add(KnowledgeProblem.error(name, p.line(), p.column(),
                        p.message() + (p.suggestion() == null ? "" : " (" + p.suggestion() + ")")));
                malformed = true;
                return null;
            }
            // Binding errors carry a path (fixes[3].invasivenes) but often no useful position;
            // the composed tree turns the path into the line an author has to edit.
            List<Object> path = new ArrayList<>();
            for (JacksonException.Reference r : e.getPath()) {
                path.add(r.getPropertyName() != null ? r.getPropertyName() : (Object) r.getIndex());
            }
            TokenStreamLocation loc = e.getLocation();
            YamlLocations.Position at = path.isEmpty() && loc != null && loc.getLineNr() > 0
                    ? new YamlLocations.Position(loc.getLineNr(), loc.getColumnNr())
                    : YamlLocations.of(text).find(path);
            String where = e.getPathReference() == null || path.isEmpty() ? "" : " (at " + describe(path) + ")";
            problems.add(KnowledgeProblem.error(name, at.line(), at.column(), plain(e.getOriginalMessage()) + where));
            // The file's entries are missing now, as with a syntax error.
            malformed = true;
            return null;
        }
    }

    private static String describe(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object p : path) {
            if (p instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                sb.append(sb.isEmpty() ? "" : ".").append(p);
            }
        }
        return sb.toString();
    }

    /** Jackson's wording names Java classes; authors know the catalogue, not the classes. */
    private static String plain(String message) {
        String m = message == null ? "invalid value" : message;
        m = m.replaceAll("Unrecognized property \"([^\"]+)\" \\(class [^)]+\\), not marked as ignorable",
                "unknown key '$1'");
        m = m.replaceAll("^Cannot construct instance of `?[A-Za-z.$]+`?, problem: ", "");
        return m.replaceAll(" ?\\(class org\\.rdpdiag\\.[^)]*\\)", "").replaceAll("`org\\.rdpdiag\\.knowledge\\.([A-Za-z$]+)`", "$1");
    }

    private <T> void remember(String kind, String list, List<T> entries, java.util.function.Function<T, String> id,
            String file, YamlLocations locations) {
        if (entries == null) {
            return;
        }
        for (int i = 0; i < entries.size(); i++) {
            YamlLocations.Position p = locations.find(List.of(list, i, "id"));
            where.putIfAbsent(kind + " " + id.apply(entries.get(i)), new Where(file, p.line(), p.column()));
        }
    }

    private boolean unique(Map<String, String> definedIn, String key, String file) {
        String earlier = definedIn.putIfAbsent(key, file);
        if (earlier != null) {
            require(false, file, key + " is already defined in " + earlier);
            return false;
        }
        return true;
    }

    private void checkCause(Cause c, Map<String, Fix> fixes, String file) {
        require(c.title() != null && c.explanation() != null, file, "cause " + c.id() + " needs a title and an explanation");
        require(c.claimStatus() != null, file, "cause " + c.id() + " has no claimStatus");
        require(!c.sources().isEmpty(), file, "cause " + c.id() + " cites no source");
        require(c.prior() > 0 && c.prior() <= 1, file, "cause " + c.id() + " needs a prior in (0, 1]");
        require(c.explains() > 0 && c.explains() <= 1, file, "cause " + c.id() + " needs explains in (0, 1]");
        require(Set.of("cause", "context").contains(c.kind()), file, "cause " + c.id() + " kind must be cause or context");
        for (String f : c.fixes()) {
            require(fixes.containsKey(f), file, "cause " + c.id() + " names fix '" + f + "', which no catalogue file defines");
        }
    }

    /** A cause explained by another must name a cause, not itself, and not one it explains in turn. */
    private void checkExplainedBy(Map<String, Cause> causes, Map<String, String> definedIn) {
        for (Cause c : causes.values()) {
            String file = definedIn.get("cause " + c.id());
            for (String root : c.explainedBy()) {
                Cause r = causes.get(root);
                require(r != null, file, "cause " + c.id() + " is explainedBy '" + root + "', which no catalogue file defines");
                require(!root.equals(c.id()), file, "cause " + c.id() + " cannot explain itself");
                require(r == null || !r.explainedBy().contains(c.id()), file,
                        "causes " + c.id() + " and " + root + " explain each other; keep the root on one side only");
            }
        }
    }

    private void checkFix(Fix f, String file) {
        String what = "fix " + f.id();
        require(f.title() != null && f.explanation() != null, file, what + " needs a title and an explanation");
        require(f.claimStatus() != null, file, what + " has no claimStatus");
        require(!f.sources().isEmpty(), file, what + " cites no source");
        require(FIX_KINDS.contains(f.kind()), file, what + " kind must be one of " + sorted(FIX_KINDS));
        require(f.runsOn() != null, file, what + " needs runsOn, one of " + places());
        require(f.invasiveness() >= 1 && f.invasiveness() <= 5, file, what + " invasiveness must be 1..5");
        require(!f.risky() || f.rollback() != null, file, what + " lowers security or risks collateral damage, so it needs a rollback");
        require(!f.risky() || f.warning() != null, file, what + " lowers security or risks collateral damage, so it needs a warning");
        require(!"fix".equals(f.kind()) || !f.verify().isEmpty(), file, what + " needs a verify list: how to tell that it worked");
        checkConditions(f.appliesWhen(), file, what);
        checkMinutes(f.minutes(), file, what + " minutes");
        checkDisruption(f.disruption(), file, what + " disruption");
        require(f.resolves() == null || (f.resolves() > 0 && f.resolves() <= 1), file,
                what + " resolves must be a chance in (0, 1]: how often it ends the failure when its cause is present");
        for (String path : f.changes()) {
            // The suggestion is an edit distance against every path: only worth it for a path that is wrong.
            if (!vocabulary.exists(path)) {
                require(false, file, what + " changes '" + path + "', which the vocabulary does not declare"
                        + org.rdpdiag.facts.Hints.closest(path, vocabulary.paths()).map(p -> "; did you mean '" + p + "'?").orElse(""));
            }
        }
    }

    private void checkCheck(Check k, String file) {
        require(k.title() != null, file, "check " + k.id() + " needs a title");
        require(k.runsOn() != null, file, "check " + k.id() + " needs runsOn, one of " + places());
        require(k.cost() >= 1 && k.cost() <= 5, file, "check " + k.id() + " cost must be 1..5");
        require(!k.decides().isEmpty(), file, "check " + k.id() + " decides no fact");
        checkConditions(k.appliesWhen(), file, "check " + k.id());
        checkMinutes(k.minutes(), file, "check " + k.id() + " minutes");
        checkDisruption(k.disruption(), file, "check " + k.id() + " disruption");
        for (String path : k.decides()) {
            require(vocabulary.exists(path), file, "check " + k.id() + " decides '" + path + "', which the vocabulary does not declare");
        }
    }

    private void checkQuestion(Question q, Map<String, Check> checks, Map<String, String> askedBy, String file) {
        String what = "question " + q.id();
        require(q.prompt() != null && !q.prompt().isBlank(), file, what + " needs a prompt");
        var field = q.fact() == null ? java.util.Optional.<org.rdpdiag.facts.FactField>empty() : vocabulary.field(q.fact());
        require(field.isPresent(), file, what + " fills '" + q.fact() + "', which the vocabulary does not declare");
        String earlier = q.fact() == null ? null : askedBy.putIfAbsent(q.fact(), q.id());
        require(earlier == null, file, what + " fills " + q.fact() + ", which question " + earlier + " already asks");
        if (q.check() != null) {
            Check k = checks.get(q.check());
            require(k != null, file, what + " names check '" + q.check() + "', which no catalogue file defines");
            require(k == null || k.decides().contains(q.fact()), file,
                    what + " names check " + q.check() + ", which does not decide " + q.fact());
        }
        require(q.cost() >= 0 && q.cost() <= 5, file, what + " cost must be 0..5 (0: the check's cost)");
        require(q.check() != null || q.cost() > 0, file, what + " needs a check or a cost");
        field.ifPresent(f -> {
            for (Question.Choice c : q.choices()) {
                boolean ok = f.allowed().isEmpty() ? c.value() != null : f.allowed().contains(c.value())
                        || ("boolean".equals(f.kind()) && c.value() instanceof Boolean);
                require(ok, file, what + " offers " + c.value() + ", which " + q.fact() + " does not allow");
            }
        });
        checkConditions(q.askWhen(), file, what);
        checkMinutes(q.minutes(), file, what + " minutes");
    }

    /** Longer than a working day is no step of one consultation: most likely hours typed as minutes. */
    static final double MAX_MINUTES = 480;

    private void checkMinutes(Double minutes, String file, String what) {
        require(minutes == null || (minutes > 0 && minutes <= MAX_MINUTES), file,
                what + " must be more than 0 and at most " + (int) MAX_MINUTES + " (minutes of an engineer's time)");
    }

    private void checkDisruption(Double disruption, String file, String what) {
        require(disruption == null || (disruption >= 0 && disruption <= MAX_MINUTES), file,
                what + " must be 0 to " + (int) MAX_MINUTES + " (minutes an engineer would trade against the harm)");
    }

    private void checkContradiction(Contradiction k, String file) {
        String what = "contradiction " + k.id();
        require(k.title() != null && k.reason() != null, file, what + " needs a title and a reason");
        require(!k.sources().isEmpty(), file, what + " cites no source");
        require(k.sides().size() >= 2, file, what + " needs at least two sides: the observations that cannot hold together");
        for (int i = 0; i < k.sides().size(); i++) {
            Map<String, Object> side = k.sides().get(i);
            require(!side.isEmpty(), file, what + " side " + (i + 1) + " names no observation");
            checkConditions(side, file, what + " side " + (i + 1));
            for (int j = 0; j < i; j++) {
                for (String path : side.keySet()) {
                    require(!k.sides().get(j).containsKey(path), file, what + " names " + path
                            + " on two sides; a contradiction is between different observations");
                }
            }
        }
    }

    private void checkDialog(DialogMessage m, String file) {
        String what = "dialog " + m.id();
        require(m.title() != null && m.meaning() != null, file, what + " needs a title and a meaning");
        require(!m.sources().isEmpty(), file, what + " cites no source: where the message is documented");
        require(!m.recognise().isEmpty(), file, what + " needs recognise: the documented wording that identifies it");
        for (String pattern : m.recognise()) {
            try {
                java.util.regex.Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                require(false, file, what + " recognise pattern '" + pattern + "' is not a regular expression: "
                        + e.getDescription());
            }
        }
        List<Object> allowed = vocabulary.field("error.dialogMessage").map(f -> f.allowed()).orElse(List.of());
        require(allowed.contains(m.id()), file, what + " is not a value of error.dialogMessage; add it to that"
                + " observation's values in observations.yaml");
    }

    private void checkPolicy(Policy p, String file) {
        String what = "policy " + p.id();
        require(p.title() != null && p.reason() != null, file, what + " needs a title and a reason");
        require(!p.sources().isEmpty(), file, what + " cites no source");
        require(!p.when().isEmpty(), file, what + " needs when: the observations under which it holds");
        require(!p.withholdChangesOn().isEmpty() || p.withholdLoweringSecurity(), file,
                what + " withholds nothing: withholdChangesOn must list places among " + places()
                        + ", or withholdLoweringSecurity be true");
        checkConditions(p.when(), file, what);
    }

    private void checkCosts(CostSettings c, String file) {
        String what = "costs section";
        for (int level = 1; level <= 5; level++) {
            Double check = c.checkMinutes().get(level);
            require(check != null, file, what + " checkMinutes needs a figure for effort " + level);
            checkMinutes(check, file, what + " checkMinutes " + level);
            Double fix = c.fixMinutes().get(level);
            require(fix != null, file, what + " fixMinutes needs a figure for invasiveness " + level);
            checkMinutes(fix, file, what + " fixMinutes " + level);
        }
        require(c.questionMinutes() != null, file, what + " needs questionMinutes");
        checkMinutes(c.questionMinutes(), file, what + " questionMinutes");
        require(c.fixResolves() != null && c.fixResolves() > 0 && c.fixResolves() <= 1, file,
                what + " fixResolves must be a chance in (0, 1]");
        for (String r : RESTART) {
            require(c.restart().containsKey(r), file, what + " restart needs a figure for " + r);
            checkDisruption(c.restart().get(r), file, what + " restart " + r);
        }
        c.restart().keySet().stream().filter(r -> !RESTART.contains(r)).forEach(r -> require(false, file,
                what + " restart names '" + r + "'; the restarts are " + String.join(", ", RESTART.stream().sorted().toList())));
        for (String r : RESTART) {
            require(c.clientRestart().containsKey(r), file, what + " clientRestart needs a figure for " + r);
            checkDisruption(c.clientRestart().get(r), file, what + " clientRestart " + r);
        }
        c.clientRestart().keySet().stream().filter(r -> !RESTART.contains(r)).forEach(r -> require(false, file,
                what + " clientRestart names '" + r + "'; the restarts are " + String.join(", ", RESTART.stream().sorted().toList())));
        for (String r : Set.of("none", "low", "high")) {
            require(c.collateralRisk().containsKey(r), file, what + " collateralRisk needs a figure for " + r);
            checkDisruption(c.collateralRisk().get(r), file, what + " collateralRisk " + r);
        }
        require(c.reducesSecurity() != null, file, what + " needs reducesSecurity");
        checkDisruption(c.reducesSecurity(), file, what + " reducesSecurity");
        require(c.changesHost() != null, file, what + " needs changesHost");
        checkDisruption(c.changesHost(), file, what + " changesHost");
        require(c.sharedChange() != null, file, what + " needs sharedChange");
        checkDisruption(c.sharedChange(), file, what + " sharedChange");
        require(c.escalation() != null, file, what + " needs escalation");
        checkMinutes(c.escalation(), file, what + " escalation");
        require(c.noKnownCause() != null && c.noKnownCause() > 0 && c.noKnownCause() < 1, file,
                what + " noKnownCause must be in (0, 1): the weight of a cause nobody has written down");
    }

    /**
     * Once a file lists the seed pairs, every pair an entry cites must be on that list, so a
     * mistyped id cannot quietly leave a pair uncovered. Without a list, citations stand alone.
     */
    private void checkPairs(Map<String, SeedPair> pairs, Map<String, Cause> causes, Map<String, Fix> fixes,
            Map<String, Check> checks, Map<String, String> definedIn) {
        pairs.values().forEach(p -> require(p.title() != null && !p.title().isBlank(),
                definedIn.get("pair " + p.id()), "pair " + p.id() + " needs a title"));
        if (pairs.isEmpty()) {
            return;
        }
        String listedIn = String.join(", ", new java.util.TreeSet<>(pairs.values().stream()
                .map(p -> definedIn.get("pair " + p.id())).toList()));
        java.util.function.BiConsumer<String, List<String>> cited = (what, ids) -> ids.stream()
                .filter(id -> !pairs.containsKey(id)).distinct()
                .forEach(id -> require(false, definedIn.get(what), what + " cites seed pair '" + id
                        + "', which " + listedIn + " does not list"));
        causes.values().forEach(c -> cited.accept("cause " + c.id(),
                java.util.stream.Stream.concat(c.pairs().stream(), pairsOf(c.sources()).stream()).toList()));
        fixes.values().forEach(f -> cited.accept("fix " + f.id(), pairsOf(f.sources())));
        checks.values().forEach(k -> cited.accept("check " + k.id(), pairsOf(k.sources())));
    }

    private static String places() {
        return String.join(", ", java.util.Arrays.stream(Place.values()).map(Place::word).sorted().toList());
    }

    private static List<String> pairsOf(List<Source> sources) {
        return sources.stream().map(Source::pair).filter(java.util.Objects::nonNull).toList();
    }

    private void checkConditions(Map<String, Object> appliesWhen, String file, String what) {
        appliesWhen.forEach((path, value) -> {
            require(vocabulary.exists(path), file, what + " appliesWhen names '" + path + "', which the vocabulary does not declare");
            boolean scalars = value instanceof List<?> l ? !l.isEmpty() && l.stream().allMatch(v -> v != null
                    && !(v instanceof Map) && !(v instanceof List)) : value != null && !(value instanceof Map);
            require(scalars, file, what + " appliesWhen " + path + " needs a value or a list of values");
        });
    }

    private void require(boolean ok, String file, String message) {
        if (!ok) {
            // Messages start with the entry they are about ("fix x ..."), which locates them.
            String[] words = message.split(" ", 3);
            Where w = words.length >= 2 ? where.get(words[0] + " " + words[1]) : null;
            problems.add(w == null ? KnowledgeProblem.error(file, 0, 0, message)
                    : KnowledgeProblem.error(w.file(), w.line(), w.column(), message));
        }
    }

    private static String sorted(Set<String> words) {
        return String.join(", ", new java.util.TreeSet<>(words));
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
