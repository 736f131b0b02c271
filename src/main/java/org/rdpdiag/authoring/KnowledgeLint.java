package org.rdpdiag.authoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rdpdiag.facts.FactField;
import org.rdpdiag.knowledge.Catalog;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.CostSettings;
import org.rdpdiag.knowledge.Costs;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeException;
import org.rdpdiag.knowledge.KnowledgeProblem;
import org.rdpdiag.knowledge.KnowledgeSource;
import org.rdpdiag.knowledge.Question;
import org.rdpdiag.knowledge.RuleInfo;
import org.rdpdiag.knowledge.SeedPair;
import org.rdpdiag.knowledge.Source;

/**
 * {@code rules check}: loads a rules folder and looks for what compiles but is still wrong or
 * dead. Loading already rejects DRL errors, catalogue entries without a source or claim status,
 * and rules naming causes or steps the catalogue lacks; the lint adds what needs the whole
 * knowledge base in view, and cost figures that contradict the entry's other data or each other.
 *
 * <p>Over 400 lines because every finding is a short check over the same loaded knowledge base and
 * index; split apart they would each need the whole of both passed around again.
 */
public final class KnowledgeLint {
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+(\"([^\"]+)\"|'([^']+)'|(\\S+))");

    /** The lint's verdict: the knowledge base when it loads, and every problem, ordered by place. */
    public record Result(KnowledgeBase knowledgeBase, List<KnowledgeProblem> problems) {
        public long errors() {
            return problems.stream().filter(KnowledgeProblem::isError).count();
        }

        public long warnings() {
            return problems.size() - errors();
        }
    }

    private KnowledgeLint() {}

    public static Result check(KnowledgeSource source, KnowledgeBaseLoader loader) {
        Map<String, String> texts = source.drlTexts();
        List<KnowledgeProblem> problems = new ArrayList<>(duplicateRuleNames(texts));
        KnowledgeBase kb = null;
        try {
            kb = loader.load(source);
        } catch (KnowledgeException e) {
            problems.addAll(e.problems());
        }
        if (kb != null) {
            problems.addAll(unknownFacts(kb, texts));
            problems.addAll(literalsAgainstTheVocabulary(kb, texts));
            problems.addAll(rulesWithoutConclusion(kb));
            problems.addAll(unusedEntries(kb));
            problems.addAll(seedPairs(kb, source));
            problems.addAll(costModel(kb.catalog()));
        }
        List<KnowledgeProblem> sorted = new ArrayList<>(new java.util.LinkedHashSet<>(problems));
        sorted.sort(Comparator.comparing(KnowledgeProblem::file).thenComparingInt(KnowledgeProblem::line)
                .thenComparingInt(KnowledgeProblem::column));
        return new Result(kb, List.copyOf(sorted));
    }

    /** Loads without linting: the knowledge base, or the problems that stop it from loading. */
    public static Result loadOnly(KnowledgeSource source, KnowledgeBaseLoader loader) {
        try {
            return new Result(loader.load(source), List.of());
        } catch (KnowledgeException e) {
            return new Result(null, e.problems());
        }
    }

    /**
     * Each DRL file has its own package, so Drools accepts the same rule name in two files; but
     * traces, coverage and the case library name rules by name, and two rules with one name
     * would be indistinguishable there.
     */
    static List<KnowledgeProblem> duplicateRuleNames(Map<String, String> texts) {
        List<KnowledgeProblem> out = new ArrayList<>();
        Map<String, String> firstAt = new LinkedHashMap<>();
        texts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Matcher m = RULE.matcher(e.getValue());
            while (m.find()) {
                String name = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
                int[] at = lineColumn(e.getValue(), m.start(1));
                String here = e.getKey() + ":" + at[0];
                String earlier = firstAt.putIfAbsent(name, here);
                if (earlier != null && !earlier.startsWith(e.getKey() + ":")) {
                    out.add(KnowledgeProblem.error(e.getKey(), at[0], at[1], "rule \"" + name
                            + "\" is already defined at " + earlier + "; rule names must be unique across files"));
                }
            }
        });
        return out;
    }

    /** A fact a rule reads must be one the vocabulary declares, or no facts file can ever set it. */
    private static List<KnowledgeProblem> unknownFacts(KnowledgeBase kb, Map<String, String> texts) {
        List<KnowledgeProblem> out = new ArrayList<>();
        for (RuleInfo r : kb.rules()) {
            for (String path : r.reads()) {
                if (kb.vocabulary().field(path).isEmpty()) {
                    int[] at = mention(texts.get(r.file()), r.line(), path.substring(path.indexOf('.') + 1));
                    out.add(KnowledgeProblem.error(file(r), at[0], at[1], "rule \"" + r.name() + "\" reads " + path
                            + ", which the vocabulary (" + kb.vocabulary().file() + ") does not declare"));
                }
            }
        }
        return out;
    }

    /** The start of a pattern: a type name and its opening bracket. */
    private static final java.util.regex.Pattern PATTERN_START = java.util.regex.Pattern.compile(
            "\\b([A-Z][A-Za-z0-9_]*)\\s*\\(");
    private static final java.util.regex.Pattern COMPARISON = java.util.regex.Pattern.compile(
            "\\b([A-Za-z_][A-Za-z0-9_]*)\\s*(==|!=|>=|<=|>|<|not contains|contains|not in|in)\\s*"
                    + "(\\([^)]*\\)|\"[^\"]*\"|-?\\d+(?:\\.\\d+)?)");
    private static final java.util.regex.Pattern WHEN = java.util.regex.Pattern.compile("(?m)^\\s*when\\b");
    private static final java.util.regex.Pattern THEN = java.util.regex.Pattern.compile("\\bthen\\b");
    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("\"([^\"]*)\"|(-?\\d+(?:\\.\\d+)?)");

    /**
     * Every literal a rule compares an observation with must be one the observation can take: a
     * misspelt word of a closed set, text where a number is declared or a number out of its range
     * compiles and never matches, and nothing else would say so. Located at the literal.
     */
    private static List<KnowledgeProblem> literalsAgainstTheVocabulary(KnowledgeBase kb, Map<String, String> texts) {
        List<KnowledgeProblem> out = new ArrayList<>();
        for (RuleInfo r : kb.rules()) {
            String text = texts.get(r.file());
            if (text == null || r.line() <= 0) {
                continue;
            }
            int start = offsetOfLine(text, r.line());
            // The words "when" and "then" of the rule itself, not of its explanation.
            java.util.regex.Matcher w = WHEN.matcher(text);
            int when = w.find(start) ? w.end() : -1;
            java.util.regex.Matcher t = THEN.matcher(text);
            int then = when >= 0 && t.find(when) ? t.start() : -1;
            if (when < 0 || then < 0) {
                continue;
            }
            String lhs = text.substring(when, then);
            java.util.regex.Matcher cmp = COMPARISON.matcher(lhs);
            while (cmp.find()) {
                String section = sectionBefore(lhs, cmp.start(), kb.vocabulary());
                if (section == null) {
                    continue;
                }
                String path = section + "." + cmp.group(1);
                FactField field = kb.vocabulary().field(path).orElse(null);
                if (field == null) {
                    continue;
                }
                java.util.regex.Matcher lit = LITERAL.matcher(cmp.group(3));
                while (lit.find()) {
                    String problem = literalProblem(field, lit.group(1), lit.group(2));
                    if (problem != null) {
                        var at = org.rdpdiag.knowledge.DrlOutline.position(text, when + cmp.start(3) + lit.start());
                        out.add(KnowledgeProblem.error(file(r), at.line(), at.column(), "rule \"" + r.name() + "\" compares "
                                + path + " with " + lit.group() + ", " + problem));
                    }
                }
            }
        }
        return out;
    }

    /** The section of the pattern a constraint at {@code offset} belongs to: the last one opened before it. */
    private static String sectionBefore(String lhs, int offset, org.rdpdiag.facts.Vocabulary vocabulary) {
        java.util.regex.Matcher m = PATTERN_START.matcher(lhs);
        String section = null;
        while (m.find() && m.start() < offset) {
            section = vocabulary.sectionOfType(m.group(1)).map(org.rdpdiag.facts.Vocabulary.Section::name).orElse(null);
        }
        return section;
    }

    /** What is wrong with comparing the observation with this literal, or null. */
    private static String literalProblem(FactField field, String word, String number) {
        boolean numeric = Set.of("integer", "number", "code", "integer-list").contains(field.kind());
        if ("boolean".equals(field.kind())) {
            return "but it is true or false: compare with true or false, without quotes";
        }
        if (word != null && numeric) {
            return "but it holds " + ("integer-list".equals(field.kind()) ? "whole numbers" : "a number")
                    + ": write the number without quotes";
        }
        if (word != null && !field.allowed().isEmpty() && !field.allowed().contains(word)) {
            List<String> values = field.allowed().stream().map(String::valueOf).toList();
            return "which it never takes (its values are " + String.join(", ", values) + ")"
                    + org.rdpdiag.facts.Hints.closest(word, values).map(n -> "; did you mean \"" + n + "\"?").orElse("");
        }
        if (number != null && !numeric && !field.allowed().contains(number)) {
            return "but it holds text: quote the word";
        }
        if (number != null && numeric) {
            double v = Double.parseDouble(number);
            if ((field.minimum() != null && v < field.minimum()) || (field.maximum() != null && v > field.maximum())) {
                return "outside its range (" + (field.minimum() == null ? "" : "from " + fmt(field.minimum()))
                        + (field.maximum() == null ? "" : " to " + fmt(field.maximum())) + ")";
            }
        }
        return null;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static int offsetOfLine(String text, int line) {
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            offset = text.indexOf('\n', offset) + 1;
        }
        return Math.max(0, offset);
    }

    private static List<KnowledgeProblem> rulesWithoutConclusion(KnowledgeBase kb) {
        List<KnowledgeProblem> out = new ArrayList<>();
        for (RuleInfo r : kb.rules()) {
            if (r.cause() == null && r.step() == null) {
                out.add(KnowledgeProblem.warning(file(r), r.line(), 1, "rule \"" + r.name()
                        + "\" has neither @cause nor @step, so it concludes nothing the report or plan can show"));
            } else if (r.step() != null && r.weight() != null && r.cause() == null) {
                out.add(KnowledgeProblem.warning(file(r), r.line(), 1, "rule \"" + r.name()
                        + "\" has @weight without @cause; the weight is ignored"));
            }
        }
        return out;
    }

    /** Catalogue entries nothing refers to: dead knowledge, or a rule that was meant to use them. */
    private static List<KnowledgeProblem> unusedEntries(KnowledgeBase kb) {
        Catalog catalog = kb.catalog();
        List<KnowledgeProblem> out = new ArrayList<>();
        Set<String> readFacts = new HashSet<>();
        Set<String> steps = new HashSet<>();
        for (RuleInfo r : kb.rules()) {
            readFacts.addAll(r.reads());
            if (r.step() != null) {
                steps.add(r.step());
            }
        }
        for (Cause c : catalog.causes()) {
            if (kb.rulesFor(c.id()).isEmpty()) {
                out.add(at(catalog, "cause", c.id(), false, "cause " + c.id()
                        + " is catalogued but no rule names it in @cause, so it can never be concluded"));
            }
        }
        Set<String> planned = new HashSet<>(steps);
        catalog.causes().forEach(c -> planned.addAll(c.fixes()));
        for (Fix f : catalog.fixes()) {
            if (!planned.contains(f.id())) {
                out.add(at(catalog, "fix", f.id(), false, "fix " + f.id()
                        + " is catalogued but no cause lists it and no rule asks for it with @step"));
            }
        }
        Set<String> questionChecks = new HashSet<>();
        catalog.questions().forEach(q -> {
            if (q.check() != null) {
                questionChecks.add(q.check());
            }
        });
        for (Check k : catalog.checks()) {
            if (k.decides().stream().noneMatch(readFacts::contains) && !questionChecks.contains(k.id())) {
                out.add(at(catalog, "check", k.id(), false, "check " + k.id() + " decides " + k.decides()
                        + ", which no rule reads, and no question uses it"));
            }
        }
        for (Question q : catalog.questions()) {
            if (!q.askFirst() && kb.causesReading(q.fact()).isEmpty() && !gatesRelevantQuestion(catalog, kb, q)) {
                out.add(at(catalog, "question", q.id(), false, "question " + q.id() + " fills " + q.fact()
                        + ", which no rule about a cause reads and no other question waits for, so it is never relevant"));
            }
        }
        return out;
    }

    /** A question asked only to open a follow-up (its fact is in the follow-up's askWhen). */
    private static boolean gatesRelevantQuestion(Catalog catalog, KnowledgeBase kb, Question gate) {
        return catalog.questions().stream().anyMatch(q -> q != gate && q.askWhen().containsKey(gate.fact())
                && !kb.causesReading(q.fact()).isEmpty());
    }

    /** Every pair of the seed-pair list must be cited, or the knowledge base misses a claim. */
    private static List<KnowledgeProblem> seedPairs(KnowledgeBase kb, KnowledgeSource source) {
        Catalog catalog = kb.catalog();
        if (catalog.seedPairs().isEmpty()) {
            return List.of();
        }
        Set<String> cited = new HashSet<>();
        for (Cause c : catalog.causes()) {
            cited.addAll(c.pairs());
            c.sources().stream().map(Source::pair).forEach(cited::add);
        }
        catalog.fixes().forEach(f -> f.sources().stream().map(Source::pair).forEach(cited::add));
        List<KnowledgeProblem> out = new ArrayList<>();
        for (SeedPair p : catalog.seedPairs()) {
            if (!cited.contains(p.id())) {
                out.add(at(catalog, "pair", p.id(), true, "seed pair " + p.id() + " (" + p.title()
                        + ") is cited by no cause or fix; encode it, with its claim status"));
            }
        }
        return out;
    }

    // ---- the cost model -------------------------------------------------------------------

    /** At or above this, a fix claims to be certain; nothing in troubleshooting is. */
    static final double CERTAIN = 0.99;
    /** At or below this, a fix so rarely ends the failure that offering it wastes the engineer's time. */
    static final double HOPELESS = 0.05;

    /**
     * Figures the loader accepts one by one but that make no sense together: an entry's own
     * {@code minutes}, {@code disruption} or {@code resolves} against the rest of the entry, and
     * defaults of the costs section against each other. The plan would follow them all the same,
     * so each is a warning that says what to change.
     */
    static List<KnowledgeProblem> costModel(Catalog catalog) {
        Costs costs = catalog.costs();
        List<KnowledgeProblem> out = new ArrayList<>();
        for (Fix f : catalog.fixes()) {
            fixCosts(catalog, costs, f, out);
        }
        for (Check k : catalog.checks()) {
            if (k.changesHost() && k.disruption() != null && k.disruption() == 0) {
                out.add(at(catalog, "check", k.id(), false, "check " + k.id() + " changes the host but sets disruption: 0,"
                        + " so the plan weighs it like a harmless reading; delete disruption to use the default for a"
                        + " check that changes the host (" + minutes(costs.settings().changesHost()) + "), or set what the"
                        + " change is worth in minutes"));
            }
        }
        for (Question q : catalog.questions()) {
            Check k = q.check() == null ? null : catalog.check(q.check()).orElse(null);
            if (q.minutes() != null && k != null && q.minutes() > costs.of(k).minutes()) {
                out.add(at(catalog, "question", q.id(), false, "question " + q.id() + " sets minutes: "
                        + number(q.minutes()) + ", more than its check " + k.id() + " takes (" + minutes(costs.of(k).minutes())
                        + "); asking cannot cost more than finding out, so lower minutes to at most "
                        + number(costs.of(k).minutes()) + " or delete it to use the check's figure"));
            }
        }
        CostSettings defaults = costs.settings();
        growing(catalog, defaults.checkMinutes(), "checkMinutes", "effort", "a check of more effort", out);
        growing(catalog, defaults.fixMinutes(), "fixMinutes", "invasiveness", "a more invasive fix", out);
        catalog.fixes().stream().filter(f -> "fix".equals(f.kind()))
                .max(Comparator.comparingDouble((Fix f) -> costs.of(f).total()))
                .filter(f -> costs.escalation() <= costs.of(f).total())
                .ifPresent(f -> out.add(at(catalog, "costs", "escalation", false, "costs escalation is "
                        + minutes(costs.escalation()) + ", no more than fix " + f.id() + " costs (" + minutes(costs.of(f).total())
                        + " of work and disruption), so the plan would hand the case on rather than try that fix;"
                        + " raise escalation above the most expensive fix, or lower that fix's cost")));
        return out;
    }

    private static void fixCosts(Catalog catalog, Costs costs, Fix f, List<KnowledgeProblem> out) {
        String what = "fix " + f.id();
        Double disruption = f.disruption();
        List<String> harms = new ArrayList<>();
        if (f.reducesSecurity()) {
            harms.add("lowers security");
        }
        if (f.collateralRisk() == org.rdpdiag.knowledge.CollateralRisk.HIGH) {
            harms.add("risks high collateral damage");
        }
        double restart = costs.restartDisruption(f);
        if (disruption != null && disruption == 0 && !harms.isEmpty()) {
            out.add(at(catalog, "fix", f.id(), false, what + " " + String.join(" and ", harms) + " but sets disruption: 0,"
                    + " so the plan weighs it as harmless and may try it before safer fixes; delete disruption to use the"
                    + " default (" + minutes(costs.byDefault(f).disruption()) + "), or set what the harm is worth in minutes"));
        } else if (disruption != null && disruption < restart) {
            String place = Costs.sharedRestart(f) ? "on " + f.runsOn() : "on the user's computer";
            out.add(at(catalog, "fix", f.id(), false, what + " sets disruption: " + number(disruption) + ", less than its "
                    + "restart (" + f.restart() + " " + place + ") alone costs by default (" + minutes(restart) + "); raise disruption to at least "
                    + number(restart) + ", or delete it so that the plan derives it from the restart, security and"
                    + " collateral risk (" + minutes(costs.byDefault(f).disruption()) + ")"));
        }
        if (f.resolves() != null && f.resolves() >= CERTAIN) {
            out.add(at(catalog, "fix", f.id(), false, what + " sets resolves: " + number(f.resolves()) + ", as if it were"
                    + " certain to end the failure; no fix is (a policy can overwrite a setting, a restart can be put off,"
                    + " the cause can have another trigger), and the plan would then give up on the cause's other fixes;"
                    + " set the chance it really has, below " + number(CERTAIN) + ", or delete resolves to use the default ("
                    + number(costs.settings().fixResolves()) + ")"));
        } else if (f.resolves() != null && f.resolves() <= HOPELESS) {
            out.add(at(catalog, "fix", f.id(), false, what + " sets resolves: " + number(f.resolves()) + ": it would end the"
                    + " failure so rarely that offering it wastes the engineer's time; give the chance it really has, or"
                    + " take it out of its causes' fixes"));
        }
    }

    /** Minutes by level must grow with it: a higher level is more work by definition. */
    private static void growing(Catalog catalog, Map<Integer, Double> byLevel, String key, String level, String higher,
            List<KnowledgeProblem> out) {
        for (int l = 2; l <= 5; l++) {
            Double below = byLevel.get(l - 1);
            Double here = byLevel.get(l);
            if (below != null && here != null && here <= below) {
                out.add(at(catalog, "costs", key, false, "costs " + key + " gives " + minutes(here) + " for "
                        + level + " " + l + ", no more than for " + level + " " + (l - 1) + " (" + minutes(below) + "); "
                        + higher + " takes longer, so make the figures grow with the level"));
            }
        }
    }

    private static String minutes(Double d) {
        return d == null ? "none" : number(d) + (d == 1 ? " minute" : " minutes");
    }

    private static String number(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static KnowledgeProblem at(Catalog catalog, String kind, String id, boolean error, String message) {
        Catalog.Location l = catalog.locate(kind, id).orElse(new Catalog.Location("rules", 0, 0));
        return error ? KnowledgeProblem.error(l.file(), l.line(), l.column(), message)
                : KnowledgeProblem.warning(l.file(), l.line(), l.column(), message);
    }

    private static String file(RuleInfo r) {
        return r.file() == null ? "rules" : r.file();
    }

    /** Where a rule first mentions a word, at or after its {@code rule} line; the rule line otherwise. */
    private static int[] mention(String text, int ruleLine, String word) {
        if (text == null) {
            return new int[] {ruleLine, 1};
        }
        int start = 0;
        for (int line = 1; line < ruleLine && start >= 0; line++) {
            start = text.indexOf('\n', start) + 1;
        }
        Matcher m = Pattern.compile("\\b" + Pattern.quote(word) + "\\b").matcher(text);
        return m.find(Math.max(start, 0)) ? lineColumn(text, m.start()) : new int[] {ruleLine, 1};
    }

    private static int[] lineColumn(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }
}
