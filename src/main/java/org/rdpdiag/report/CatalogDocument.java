package org.rdpdiag.report;

import static org.rdpdiag.report.Inline.anchor;
import static org.rdpdiag.report.Inline.badge;
import static org.rdpdiag.report.Inline.code;
import static org.rdpdiag.report.Inline.link;
import static org.rdpdiag.report.Inline.seq;
import static org.rdpdiag.report.Inline.strong;
import static org.rdpdiag.report.Inline.text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.CollateralRisk;
import org.rdpdiag.knowledge.Applicability;
import org.rdpdiag.knowledge.Catalog;
import org.rdpdiag.knowledge.Cause;
import org.rdpdiag.knowledge.Check;
import org.rdpdiag.knowledge.ClaimStatus;
import org.rdpdiag.knowledge.CostSettings;
import org.rdpdiag.knowledge.Costs;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.Policy;
import org.rdpdiag.knowledge.RuleInfo;
import org.rdpdiag.knowledge.RuleMetadata;
import org.rdpdiag.knowledge.SeedPair;
import org.rdpdiag.knowledge.Source;
import org.rdpdiag.knowledge.Weight;

/**
 * The knowledge catalogue for reviewers, as Markdown or as one self-contained HTML page: every
 * cause with the rules that weigh it, the checks that decide its observations and its fixes in
 * the order a plan gives them; the closing steps; an index of fixes and checks with what each
 * costs; the cost model's defaults; the policies; the seed pairs with the entries that cite them; the code table and what the seeds claim about the codes.
 * The output depends only on the knowledge base, so two runs can be compared with diff.
 *
 * <p>Over 400 lines because it is the content of one document, described once for both formats:
 * its sections cross-link by anchor, which stays right only when they are written side by side.
 */
public final class CatalogDocument {
    private static final String TITLE = "rdpdiag knowledge catalogue";

    private final KnowledgeBase kb;
    private final Catalog catalog;
    private final org.rdpdiag.strategy.Strategy strategy;
    private final DocWriter w;
    /** Which causes list each fix, in catalogue order. */
    private final Map<String, List<Cause>> causesOfFix = new LinkedHashMap<>();

    private CatalogDocument(KnowledgeBase kb, DocWriter w) {
        this.kb = kb;
        this.catalog = kb.catalog();
        this.strategy = new org.rdpdiag.strategy.Strategy(kb);
        this.w = w;
        for (Cause c : catalog.causes()) {
            c.fixes().stream().distinct().forEach(f -> causesOfFix.computeIfAbsent(f, k -> new ArrayList<>()).add(c));
        }
    }

    /** @param source how to name the knowledge base in the document (its folder, or "bundled") */
    public static String markdown(KnowledgeBase kb, String source) {
        return new CatalogDocument(kb, new MarkdownWriter()).render(source);
    }

    /** @param source how to name the knowledge base in the document (its folder, or "bundled") */
    public static String html(KnowledgeBase kb, String source) {
        return new CatalogDocument(kb, new HtmlWriter(TITLE)).render(source);
    }

    private String render(String source) {
        w.heading(1, "top", text(TITLE));
        w.paragraph(seq("Knowledge base ", code(source), ", fingerprint ", code(kb.fingerprint().substring(0, 12)),
                ": ", count(catalog.causes().size(), "cause"), " in ", count(families().size(), "family", "families"),
                ", ", count(catalog.fixes().size(), "fix", "fixes"), ", ", count(catalog.checks().size(), "check"),
                ", ", count(kb.rules().size(), "rule"), ", ", count(pairIds().size(), "seed pair"), ", ",
                count(catalog.codes().size(), "error code"), "."));
        howToRead();
        contents();
        causes();
        closingSteps();
        otherFixes();
        otherRules();
        fixIndex();
        checks();
        costModel();
        policies();
        contradictions();
        seedPairs();
        codes();
        seedClaims();
        return w.finish();
    }

    // ---- introduction ---------------------------------------------------------------------

    private void howToRead() {
        w.paragraph(text("Causes come by family, in the order of the catalogue files. Each cause shows how plausible it "
                + "is before anything is observed (prior), how well it accounts for 0x904/0x7 when present "
                + "(explains), how well Microsoft's documentation backs it (claim status, with a note where a seed "
                + "document and Microsoft disagree), its sources, the rules that weigh it, the checks that "
                + "find out what those rules read, and its fixes."));
        w.paragraph(text("Fixes are listed in the order a plan gives them once the cause is established: fixes that "
                + "lower security or risk damage beyond Remote Desktop come after every safer one, whatever their "
                + "place in the catalogue, and the plan follows each of them with its rollback. A fix that only "
                + "applies on some hosts says so; the plan leaves it out when the host is known to differ."));
        w.paragraph(seq("Every fix and check shows what it costs as the plan weighs it, in minutes of an engineer's "
                + "time, and every fix how often it ends the failure when its cause is present; the ",
                link("#costs", text("cost model")), " gives the defaults and how the plan uses them."));
        List<Inline> weights = new ArrayList<>();
        for (Weight wt : Weight.values()) {
            weights.add(seq(code(wt.word()), " (", signed(wt), "): ", direction(wt)));
        }
        w.paragraph(seq("Rule weights are certainty factors: ", Inline.join(weights, "; "), "."));
    }

    private void contents() {
        w.heading(2, "contents", text("Contents"));
        List<Inline> items = new ArrayList<>();
        items.add(link("#causes", text("Causes")));
        families().forEach((family, causes) -> items.add(seq(link("#" + anchor("family", family), text(family)), ": ",
                Inline.join(causes.stream().map(c -> link("#" + causeAnchor(c.id()), code(c.id()))).toList(), ", "))));
        items.add(link("#closing", text("Escalation and prevention")));
        items.add(link("#fixes", text("Fix index")));
        items.add(link("#checks", text("Checks")));
        items.add(link("#costs", text("Cost model")));
        items.add(link("#policies", text("Policies")));
        items.add(link("#contradictions", text("Contradictions")));
        items.add(link("#seed-pairs", text("Seed pairs")));
        items.add(link("#codes", text("Error codes")));
        items.add(link("#seed-claims", text("What the seeds claim about the codes")));
        w.bullets(items);
    }

    // ---- causes ---------------------------------------------------------------------------

    private void causes() {
        w.heading(2, "causes", text("Causes"));
        families().forEach((family, causes) -> {
            w.heading(3, anchor("family", family), text("Family " + family));
            Set<String> files = new TreeSet<>();
            causes.forEach(c -> kb.rulesFor(c.id()).forEach(r -> files.add(r.file() == null ? "?" : r.file())));
            w.paragraph(files.isEmpty() ? text("No rule speaks about these causes yet.")
                    : seq(count(causes.size(), "cause"), "; rules in ",
                            Inline.join(files.stream().map(Inline::code).toList(), ", "), "."));
            causes.forEach(this::cause);
        });
    }

    private void cause(Cause c) {
        w.heading(4, causeAnchor(c.id()), seq(code(c.id()), ": ", c.title()));
        List<DocWriter.Field> fields = new ArrayList<>();
        fields.add(new DocWriter.Field("Kind", c.isContext()
                ? text("context: makes other causes more likely without being a root cause itself") : text(c.kind())));
        fields.add(new DocWriter.Field("Prior", text(number(c.prior()))));
        fields.add(new DocWriter.Field("Explains 0x904/0x7", text(number(c.explains()))));
        fields.add(new DocWriter.Field("Claim status", claim(c.claimStatus())));
        if (!c.explainedBy().isEmpty()) {
            fields.add(new DocWriter.Field("Explained by", Inline.join(c.explainedBy().stream()
                    .map(r -> link("#" + causeAnchor(r), code(r))).toList(), ", ")));
        }
        Set<String> pairs = pairsCitedBy(c);
        if (!pairs.isEmpty()) {
            fields.add(new DocWriter.Field("Seed pairs", pairLinks(pairs)));
        }
        w.fields(fields);
        w.paragraph(text(c.explanation()));
        if (c.claimNote() != null) {
            w.note("Claim note", text(c.claimNote()));
        }
        sources(c.sources());
        evidence(c);
        checksFor(c);
        fixesFor(c);
    }

    private void evidence(Cause c) {
        List<RuleInfo> rules = sortedRules(kb.rulesFor(c.id()).stream());
        w.paragraph(strong("Evidence rules"));
        if (rules.isEmpty()) {
            w.paragraph(text("No rule weighs this cause, so no observation can confirm or rule it out."));
            return;
        }
        table(List.of("Rule", "Where", "Weight", "Reads", "What it says"), rules, CatalogDocument::ruleRow, r -> null);
    }

    private static List<Inline> ruleRow(RuleInfo r) {
        Weight wt = Weight.fromWord(r.weight()).orElseThrow();
        return List.of(text(r.name()), code(where(r)),
                seq(badge(wt.certainty() > 0 ? "for" : "against", wt.word()), " ", signed(wt), ": ", direction(wt)),
                Inline.join(r.reads().stream().map(Inline::code).toList(), ", "),
                text(r.metadata().getOrDefault(RuleMetadata.EXPLANATION, "")));
    }

    private void checksFor(Cause c) {
        List<String> facts = kb.factsDeciding(c.id());
        w.paragraph(strong("Checks that decide its observations"));
        if (facts.isEmpty()) {
            w.paragraph(text("Its rules read no observation."));
            return;
        }
        // Cheapest first, as the plan prefers them at equal value; catalogue order breaks ties.
        List<Check> checks = catalog.checks().stream().filter(k -> k.decides().stream().anyMatch(facts::contains))
                .sorted(Comparator.comparingInt(Check::cost)).toList();
        for (Check k : checks) {
            List<Inline> line = new ArrayList<>(List.of(link("#" + anchor("check", k.id()), code(k.id())), text(" "),
                    text(k.title()), text(" (on " + k.runsOn() + ", cost " + k.cost() + "/5, " + checkCost(k) + "): decides "),
                    Inline.join(k.decides().stream().filter(facts::contains).map(Inline::code).toList(), ", ")));
            onlyWhen(k.appliesWhen()).ifPresent(cond -> line.add(text("; only when " + cond)));
            if (k.changesHost()) {
                line.add(text("; changes the host, so a plan never puts it before a safe fix"));
            }
            w.paragraph(new Inline.Seq(List.copyOf(line)));
            if (!k.commands().isEmpty()) {
                w.code(k.commands());
            }
        }
        List<String> undecided = facts.stream().filter(f -> checks.stream().noneMatch(k -> k.decides().contains(f))).toList();
        if (!undecided.isEmpty()) {
            w.paragraph(seq("No check decides ", Inline.join(undecided.stream().map(Inline::code).toList(), ", "),
                    "; a plan cannot ask for ", undecided.size() == 1 ? "it." : "them."));
        }
    }

    private void fixesFor(Cause c) {
        List<Fix> ordered = strategy.fixOrder(c);
        w.paragraph(strong("Fixes, in plan order"));
        if (ordered.isEmpty()) {
            w.paragraph(text("None: a plan offers only checks, escalation and prevention for this cause."));
            return;
        }
        List<String> authored = c.fixes().stream().distinct().toList();
        if (!ordered.stream().map(Fix::id).toList().equals(authored)) {
            w.paragraph(seq("The catalogue lists ", Inline.join(authored.stream().map(Inline::code).toList(), ", "),
                    "; a plan tries them by their chance of ending the failure per minute, disruption included."));
        }
        int n = 1;
        for (Fix f : ordered) {
            w.heading(5, causeAnchor(c.id()) + "--" + anchor("fix", f.id()), seq(n++ + ". ", f.title(), " (", code(f.id()), ")"));
            List<DocWriter.Field> fields = new ArrayList<>(fixFields(f));
            List<Cause> others = causesOfFix.getOrDefault(f.id(), List.of()).stream().filter(o -> !o.id().equals(c.id())).toList();
            if (!others.isEmpty()) {
                fields.add(new DocWriter.Field("Also fixes", Inline.join(others.stream()
                        .map(o -> link("#" + causeAnchor(o.id()), code(o.id()))).toList(), ", ")));
            }
            w.fields(fields);
            fixBody(f);
        }
    }

    // ---- fixes ----------------------------------------------------------------------------

    private List<DocWriter.Field> fixFields(Fix f) {
        List<DocWriter.Field> fields = new ArrayList<>();
        fields.add(new DocWriter.Field("Runs on", text(f.runsOn().word())));
        fields.add(new DocWriter.Field("Invasiveness", text(f.invasiveness() + "/5")));
        fields.add(new DocWriter.Field("Lowers security", f.reducesSecurity() ? badge("risky", "yes") : text("no")));
        fields.add(new DocWriter.Field("Collateral risk",
                f.collateralRisk() == CollateralRisk.HIGH ? badge("risky", f.collateralRisk().word()) : text(f.collateralRisk().word())));
        fields.add(new DocWriter.Field("Restart", text(f.restart().word().replace('-', ' ')
                + (f.restartDetail() == null ? "" : ": " + f.restartDetail()))));
        onlyWhen(f.appliesWhen()).ifPresent(cond -> fields.add(new DocWriter.Field("Only when", text(cond))));
        if (!f.changes().isEmpty()) {
            fields.add(new DocWriter.Field("Changes", Inline.join(f.changes().stream().map(p -> (Inline) code(p)).toList(), ", ")));
        }
        fields.add(new DocWriter.Field("Cost", text(fixCost(f))));
        if ("fix".equals(f.kind())) {
            fields.add(new DocWriter.Field("Ends the failure", text(fixResolves(f))));
        }
        fields.add(new DocWriter.Field("Claim status", claim(f.claimStatus())));
        return fields;
    }

    private void fixBody(Fix f) {
        if (f.warning() != null) {
            w.note("Warning", text(f.warning()));
        }
        w.paragraph(text(f.explanation()));
        if (!f.steps().isEmpty()) {
            w.numbered(f.steps().stream().map(Inline::text).toList());
        }
        if (!f.commands().isEmpty()) {
            w.code(f.commands());
        }
        if (!f.verify().isEmpty()) {
            w.paragraph(strong("Verify"));
            w.bullets(f.verify().stream().map(Inline::text).toList());
        }
        if (f.rollback() != null) {
            Fix.Rollback r = f.rollback();
            String label = f.risky() ? "Rollback (the plan's next step after this fix)" : "Undo, if needed";
            w.paragraph(seq(strong(label), r.title() == null ? "" : ": " + r.title()));
            if (!r.steps().isEmpty()) {
                w.numbered(r.steps().stream().map(Inline::text).toList());
            }
            if (!r.commands().isEmpty()) {
                w.code(r.commands());
            }
        } else if ("fix".equals(f.kind())) {
            w.paragraph(text("The catalogue gives no undo instructions for this fix."));
        }
        sources(f.sources());
    }

    private void closingSteps() {
        w.heading(2, "closing", text("Escalation and prevention"));
        w.paragraph(text("No cause lists these steps. Rules ask for them (their @step metadata), and a plan ends with "
                + "the ones its rules asked for: escalation after every check and fix, then prevention."));
        List<Fix> closing = catalog.fixes().stream().filter(f -> !"fix".equals(f.kind()))
                .sorted(Comparator.comparing((Fix f) -> !"escalate".equals(f.kind()))).toList();
        if (closing.isEmpty()) {
            w.paragraph(text("The catalogue has none."));
        }
        closing.forEach(this::standalone);
    }

    /** Fixes of kind fix that no cause lists: a plan can only reach them through a rule's @step. */
    private void otherFixes() {
        List<Fix> orphans = catalog.fixes().stream()
                .filter(f -> "fix".equals(f.kind()) && !causesOfFix.containsKey(f.id())).toList();
        if (orphans.isEmpty()) {
            return;
        }
        w.heading(2, "other-fixes", text("Fixes no cause lists"));
        w.paragraph(text("A plan reaches these only when a rule asks for them by @step."));
        orphans.forEach(this::standalone);
    }

    private void standalone(Fix f) {
        w.heading(3, anchor("step", f.id()), seq(f.title(), " (", code(f.id()), ")"));
        List<DocWriter.Field> fields = new ArrayList<>();
        fields.add(new DocWriter.Field("Kind", text(f.kind())));
        fields.addAll(fixFields(f));
        List<RuleInfo> askedBy = sortedRules(kb.rules().stream().filter(r -> f.id().equals(r.step())));
        fields.add(new DocWriter.Field("Asked for by", askedBy.isEmpty() ? text("no rule, so no plan includes it")
                : Inline.join(askedBy.stream().map(r -> seq(text(r.name()), " (", code(where(r)), ")")).toList(), "; ")));
        w.fields(fields);
        fixBody(f);
    }

    private void otherRules() {
        List<RuleInfo> silent = sortedRules(kb.rules().stream().filter(r -> r.cause() == null && r.step() == null));
        if (silent.isEmpty()) {
            return;
        }
        w.heading(2, "other-rules", text("Rules that name no cause and no step"));
        table(List.of("Rule", "Where"), silent, r -> List.of(text(r.name()), code(where(r))), r -> null);
    }

    private void fixIndex() {
        w.heading(2, "fixes", text("Fix index"));
        w.paragraph(text("Every fix of the catalogue, with the causes that list it (linked to the fix under each cause), "
                + "its cost as the plan weighs it (work and disruption, in minutes) and how often it ends the failure "
                + "when its cause is present."));
        table(List.of("Fix", "Title", "Kind", "Runs on", "Invasiveness", "Risk", "Cost (minutes)", "Ends the failure",
                "Claim", "Used by"), catalog.fixes(),
                this::fixRow, f -> anchor("fix", f.id()));
    }

    private List<Inline> fixRow(Fix f) {
        List<Cause> users = causesOfFix.getOrDefault(f.id(), List.of());
        Inline usedBy = !users.isEmpty()
                ? Inline.join(users.stream().map(c -> link("#" + causeAnchor(c.id()) + "--" + anchor("fix", f.id()),
                        code(c.id()))).toList(), ", ")
                : link("#" + anchor("step", f.id()), text("fix".equals(f.kind()) ? "no cause lists it" : "closing step"));
        List<String> risks = new ArrayList<>();
        if (f.reducesSecurity()) {
            risks.add("lowers security");
        }
        if (f.collateralRisk() == CollateralRisk.HIGH) {
            risks.add("high collateral risk");
        }
        boolean repair = "fix".equals(f.kind());
        Costs.Cost cost = catalog.costs().of(f);
        String total = number(cost.total()) + (f.minutes() != null || f.disruption() != null ? " " + SET_BY_ENTRY : "");
        return List.of(code(f.id()), text(f.title()), text(f.kind()), text(f.runsOn().word()), text(f.invasiveness() + "/5"),
                risks.isEmpty() ? text("") : badge("risky", String.join(", ", risks)),
                text(repair ? total : "closing step"), text(repair ? fixResolves(f) : ""), claim(f.claimStatus()), usedBy);
    }

    // ---- checks ---------------------------------------------------------------------------

    private void checks() {
        w.heading(2, "checks", text("Checks"));
        w.paragraph(text("Every check, what it costs, the observations it decides and the causes whose rules read them. "
                + "A plan asks for a check only where the cost it is expected to save exceeds its own."));
        table(List.of("Check", "Title", "Runs on", "Cost", "Minutes", "Decides", "Causes reading them", "Notes"),
                catalog.checks(),
                this::checkRow, k -> anchor("check", k.id()));
    }

    private List<Inline> checkRow(Check k) {
        Set<String> causes = new TreeSet<>();
        k.decides().forEach(p -> causes.addAll(kb.causesReading(p)));
        List<String> notes = new ArrayList<>();
        onlyWhen(k.appliesWhen()).ifPresent(cond -> notes.add("only when " + cond));
        if (k.changesHost()) {
            notes.add("changes the host");
        }
        return List.of(code(k.id()), text(k.title()), text(k.runsOn().word()), text(k.cost() + "/5"), text(checkCost(k)),
                Inline.join(k.decides().stream().map(Inline::code).toList(), ", "),
                causes.isEmpty() ? text("none") : Inline.join(causes.stream()
                        .map(c -> link("#" + causeAnchor(c), code(c))).toList(), ", "),
                text(String.join("; ", notes)));
    }

    // ---- costs and policies ---------------------------------------------------------------

    /** Marks a figure an entry sets itself, where the defaults would give another. */
    private static final String SET_BY_ENTRY = "(set by the entry)";

    /** The fix's cost as the plan weighs it: work, disruption with its reasons, and the sum. */
    private String fixCost(Fix f) {
        if ("escalate".equals(f.kind())) {
            return "the plan counts handing the case on as " + minutes(catalog.costs().escalation()) + " (escalation)";
        }
        if ("prevent".equals(f.kind())) {
            return "not weighed: prevention comes once the failure has ended";
        }
        Costs.Cost c = catalog.costs().of(f);
        String work = minutes(c.minutes()) + " of work" + (f.minutes() != null ? " " + SET_BY_ENTRY : "");
        if (c.disruption() == 0 && f.disruption() == null) {
            return work + ", no disruption";
        }
        return work + disruption(c, f.disruption() != null) + " = " + minutes(c.total());
    }

    /** " + 20 of disruption (changes the host)": the figure, whether the entry set it, and its reasons. */
    private static String disruption(Costs.Cost c, boolean setByEntry) {
        List<String> why = new ArrayList<>();
        if (setByEntry) {
            why.add("set by the entry");
        }
        why.addAll(c.disruptedBy());
        return " + " + number(c.disruption()) + " of disruption" + (why.isEmpty() ? "" : " (" + String.join("; ", why) + ")");
    }

    private String fixResolves(Fix f) {
        return percent(catalog.costs().resolves(f)) + " of the time when its cause is present"
                + (f.resolves() != null ? " " + SET_BY_ENTRY : "");
    }

    /** The check's minutes, and its disruption when it has any. */
    private String checkCost(Check k) {
        Costs.Cost c = catalog.costs().of(k);
        String out = minutes(c.minutes()) + (k.minutes() != null ? " " + SET_BY_ENTRY : "");
        return c.disruption() > 0 || k.disruption() != null ? out + disruption(c, k.disruption() != null) : out;
    }

    private void costModel() {
        w.heading(2, "costs", text("Cost model"));
        Costs costs = catalog.costs();
        CostSettings s = costs.settings();
        w.paragraph(text("Every figure is in minutes of a support engineer's time. Disruption is counted in the same "
                + "minutes: the work an engineer would give to avoid the harm a step does (sessions ended by a restart, "
                + "security lowered for a while, damage risked beyond Remote Desktop)."));
        w.paragraph(text("A plan tries fixes by their chance of ending the failure per minute they cost, work and "
                + "disruption together, and asks for a check or a question only where the cost it is expected to save "
                + "exceeds its own. These are the defaults; an entry may set its own minutes, disruption and (fixes) "
                + "chance of ending the failure, and the listings above mark such figures " + SET_BY_ENTRY + "."));
        w.paragraph(strong("Work, in minutes, by level"));
        table(List.of("Level", "Check, by its effort (cost)", "Fix, by its invasiveness"), List.of(1, 2, 3, 4, 5),
                l -> List.of(text(l + "/5"), text(minutes(s.checkMinutes().get(l))), text(minutes(s.fixMinutes().get(l)))),
                l -> null);
        w.paragraph(strong("Disruption of a restart, in minutes"));
        table(List.of("Restart", "On a shared machine: the host, a gateway", "On the user's own computer"),
                List.of("none", "reconnect", "policy-refresh", "service", "reboot"),
                r -> List.of(text(r.replace('-', ' ')), text(minutes(s.restart().get(r))), text(minutes(s.clientRestart().get(r)))),
                r -> null);
        w.paragraph(strong("Other figures"));
        w.fields(List.of(
                new DocWriter.Field("Collateral risk (disruption)", text("none " + minutes(s.collateralRisk().get("none"))
                        + ", low " + minutes(s.collateralRisk().get("low")) + ", high " + minutes(s.collateralRisk().get("high")))),
                new DocWriter.Field("Lowering security for a while (disruption)", text(minutes(s.reducesSecurity()))),
                new DocWriter.Field("A check that changes the host (disruption)", text(minutes(s.changesHost()))),
                new DocWriter.Field("A question that names no check", text(minutes(s.questionMinutes()))),
                new DocWriter.Field("A fix ends the failure", text(percent(s.fixResolves() == null ? 0 : s.fixResolves())
                        + " of the time when its cause is present, unless the fix says otherwise")),
                new DocWriter.Field("Handing the case on (escalation)", text(minutes(costs.escalation())
                        + ", when no step ended the failure; every plan ends with it, and a fix worth less is not tried")),
                new DocWriter.Field("A cause this knowledge base does not know", text("weight " + number(costs.noKnownCause())
                        + ", against each known cause's prior times how well it explains 0x904/0x7"))));
    }

    private void contradictions() {
        w.heading(2, "contradictions", text("Contradictions"));
        w.paragraph(text("Observations that cannot hold together. When every side of one is known to hold, no cause is "
                + "settled on any of them, the report names the readings, and the plan reads them again first."));
        if (catalog.contradictions().isEmpty()) {
            w.paragraph(text("The catalogue has none."));
        }
        for (org.rdpdiag.knowledge.Contradiction k : catalog.contradictions()) {
            w.heading(3, anchor("contradiction", k.id()), seq(code(k.id()), ": ", k.title()));
            w.fields(List.of(new DocWriter.Field("Readings", text(String.join(" against ",
                    k.sides().stream().map(side -> onlyWhen(side).orElse("?")).toList())))));
            w.paragraph(text("Why: " + k.reason() + "."));
            sources(k.sources());
        }
    }

    private void policies() {
        w.heading(2, "policies", text("Policies"));
        w.paragraph(text("Rules of conduct for plans: while every observation a policy names is known to hold, a plan "
                + "offers no fix that runs in the places it names and no check there that changes the host, and says why. "
                + "An unknown observation never sets a policy off."));
        if (catalog.policies().isEmpty()) {
            w.paragraph(text("The catalogue has none."));
        }
        for (Policy p : catalog.policies()) {
            w.heading(3, anchor("policy", p.id()), seq(code(p.id()), ": ", p.title()));
            long fixes = catalog.fixes().stream().filter(f -> "fix".equals(f.kind()) && p.withholds(f)).count();
            List<Check> checks = catalog.checks().stream().filter(p::withholds).toList();
            Inline places = Inline.join(p.withholdChangesOn().stream().map(place -> Inline.code(place.word())).toList(), " or ");
            Inline what;
            if (p.withholdChangesOn().isEmpty()) {
                what = seq("every fix that lowers security (", count((int) fixes, "fix", "fixes"), " of the catalogue)");
            } else {
                what = seq("every fix that runs on ", places, p.withholdLoweringSecurity() ? text(" or lowers security") : text(""),
                        " (", count((int) fixes, "fix", "fixes"), " of the catalogue) and every check there that changes the host (",
                        checks.isEmpty() ? text("none") : Inline.join(checks.stream()
                                .map(k -> link("#" + anchor("check", k.id()), code(k.id()))).toList(), ", "), ")");
            }
            w.fields(List.of(
                    new DocWriter.Field("When", text(onlyWhen(p.when()).orElse("never: it names no observation"))),
                    new DocWriter.Field("Withholds", what)));
            w.paragraph(text(p.reason()));
            sources(p.sources());
        }
    }

    private static String minutes(Double d) {
        return d == null ? "not set" : number(d) + (d == 1 ? " minute" : " minutes");
    }

    /** A chance as a percentage, without the rounding noise of binary fractions (0.85 is 85%, not 85.00000000000001%). */
    private static String percent(double chance) {
        return BigDecimal.valueOf(chance).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    // ---- seed pairs -----------------------------------------------------------------------

    private void seedPairs() {
        w.heading(2, "seed-pairs", text("Seed pairs"));
        w.paragraph(text("Each cause/fix pair of the seed documents, with the catalogue entries that cite it and their "
                + "claim status. A pair that no entry cites has not been encoded."));
        table(List.of("Pair", "Title", "Causes", "Fixes", "Checks"), pairIds(), this::pairRow, p -> anchor("pair", p));
    }

    private List<Inline> pairRow(String pair) {
        String title = catalog.seedPairs().stream().filter(p -> p.id().equals(pair)).map(SeedPair::title)
                .findFirst().orElse("");
        List<Inline> causes = catalog.causes().stream().filter(c -> pairsCitedBy(c).contains(pair))
                .map(c -> seq(link("#" + causeAnchor(c.id()), code(c.id())), " (" + c.family() + ", ",
                        claim(c.claimStatus()), ")")).toList();
        List<Inline> fixes = catalog.fixes().stream().filter(f -> pairsOf(f.sources()).contains(pair))
                .map(f -> seq(link("#" + anchor("fix", f.id()), code(f.id())), " (", claim(f.claimStatus()), ")"))
                .toList();
        List<Inline> checks = catalog.checks().stream().filter(k -> pairsOf(k.sources()).contains(pair))
                .map(k -> link("#" + anchor("check", k.id()), code(k.id()))).toList();
        return List.of(code(pair), text(title), cited(causes), cited(fixes), cited(checks));
    }

    private static Inline cited(List<Inline> entries) {
        return entries.isEmpty() ? text("none") : Inline.join(entries, "; ");
    }

    /** The listed pairs, then any cited pair the list lacks (only possible when there is no list). */
    private List<String> pairIds() {
        Set<String> ids = new LinkedHashSet<>();
        catalog.seedPairs().forEach(p -> ids.add(p.id()));
        Set<String> cited = new TreeSet<>();
        catalog.causes().forEach(c -> cited.addAll(pairsCitedBy(c)));
        catalog.fixes().forEach(f -> cited.addAll(pairsOf(f.sources())));
        catalog.checks().forEach(k -> cited.addAll(pairsOf(k.sources())));
        ids.addAll(cited);
        return List.copyOf(ids);
    }

    private static Set<String> pairsCitedBy(Cause c) {
        Set<String> out = new TreeSet<>(c.pairs());
        out.addAll(pairsOf(c.sources()));
        return out;
    }

    private static List<String> pairsOf(List<Source> sources) {
        return sources.stream().map(Source::pair).filter(Objects::nonNull).toList();
    }

    private static Inline pairLinks(Set<String> pairs) {
        return Inline.join(pairs.stream().map(p -> link("#" + anchor("pair", p), text(p))).toList(), ", ");
    }

    // ---- codes ----------------------------------------------------------------------------

    private void codes() {
        w.heading(2, "codes", text("Error codes"));
        w.paragraph(text("The disconnect reasons the client reports: the dialog's error code (main) and its extended "
                + "code. Notes say what a code means for this diagnosis."));
        table(List.of("Kind", "Code", "Decimal", "Name", "Meaning", "Note"), catalog.codes(),
                e -> List.of(text(e.kind()), code(e.hex()), text(String.valueOf(e.value())), code(e.name()),
                        text(e.meaning()), text(e.note() == null ? "" : e.note())),
                e -> codeAnchor(e.kind() + ":" + e.value()));
    }

    private void seedClaims() {
        w.heading(2, "seed-claims", text("What the seeds claim about the codes"));
        if (catalog.seedClaims().isEmpty()) {
            w.paragraph(text("The catalogue records no such claim."));
            return;
        }
        Set<String> known = new TreeSet<>();
        catalog.codes().forEach(e -> known.add(e.kind() + ":" + e.value()));
        table(List.of("Code", "Seeds", "Status", "Claim", "Verdict", "Sources"), catalog.seedClaims(),
                c -> List.of(known.contains(c.code()) ? link("#" + codeAnchor(c.code()), code(c.code())) : code(c.code()),
                        Inline.join(c.seeds().stream().map(Inline::code).toList(), ", "), claim(c.status()),
                        text(c.claim()), text(c.verdict()),
                        Inline.join(c.sources().stream().map(CatalogDocument::source).toList(), "; ")),
                c -> null);
    }

    private static String codeAnchor(String kindAndValue) {
        return anchor("code", kindAndValue.replace(':', '-'));
    }

    // ---- helpers --------------------------------------------------------------------------

    /** One row per item; {@code anchor} gives each row the id that links reach it by (null for none). */
    private <T> void table(List<String> header, java.util.Collection<T> items, Function<T, List<Inline>> row,
            Function<T, String> anchor) {
        List<String> anchors = items.stream().map(anchor).toList();
        w.table(header, items.stream().map(row).toList(), anchors.stream().allMatch(Objects::isNull) ? null : anchors);
    }

    private void sources(List<Source> sources) {
        w.paragraph(strong("Sources"));
        w.bullets(sources.stream().map(CatalogDocument::source).toList());
    }

    private static Inline source(Source s) {
        List<Inline> parts = new ArrayList<>();
        if (!s.seeds().isEmpty()) {
            parts.add(seq("seed ", Inline.join(s.seeds().stream().map(Inline::code).toList(), ", ")));
            if (s.pair() != null) {
                parts.add(seq(" (pair ", link("#" + anchor("pair", s.pair()), text(s.pair())), ")"));
            }
        }
        if (s.url() != null) {
            if (!parts.isEmpty()) {
                parts.add(text("; "));
            }
            parts.add(link(s.url(), text(s.title() == null ? s.url() : s.title())));
        }
        return new Inline.Seq(List.copyOf(parts));
    }

    private static Inline claim(ClaimStatus status) {
        return status == null ? text("not stated") : badge(status.word(), status.word());
    }

    /** What a weight does to a cause, from its certainty factor. */
    private static String direction(Weight wt) {
        if (wt.decisive()) {
            return wt.certainty() > 0 ? "establishes the cause on its own" : "rules the cause out";
        }
        if (wt.certainty() < 0) {
            return "weakens the cause";
        }
        return wt.certainty() >= 0.5 ? "supports the cause" : "supports the cause a little";
    }

    private static String signed(Weight wt) {
        return String.format(java.util.Locale.ROOT, "%+.1f", wt.certainty());
    }

    private Map<String, List<Cause>> families() {
        Map<String, List<Cause>> out = new LinkedHashMap<>();
        catalog.causes().forEach(c -> out.computeIfAbsent(c.family() == null ? "unnamed" : c.family(),
                k -> new ArrayList<>()).add(c));
        return out;
    }

    private static List<RuleInfo> sortedRules(Stream<RuleInfo> rules) {
        return rules.sorted(Comparator.comparing((RuleInfo r) -> r.file() == null ? "" : r.file())
                .thenComparingInt(RuleInfo::line).thenComparing(RuleInfo::name)).toList();
    }

    private static String where(RuleInfo r) {
        String file = r.file() == null ? "?" : r.file();
        return r.line() > 0 ? file + ":" + r.line() : file;
    }

    private static java.util.Optional<String> onlyWhen(Map<String, Object> appliesWhen) {
        List<String> conditions = Applicability.conditions(appliesWhen);
        return conditions.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(" and ", conditions));
    }

    private static String causeAnchor(String id) {
        return anchor("cause", id);
    }

    private static String number(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static Inline count(int n, String one) {
        return count(n, one, one + "s");
    }

    private static Inline count(int n, String one, String many) {
        return text(n + " " + (n == 1 ? one : many));
    }
}
