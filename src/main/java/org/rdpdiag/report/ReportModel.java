package org.rdpdiag.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdpdiag.diagnosis.CodeInfo;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.CauseAssessment;
import org.rdpdiag.engine.EvidenceItem;
import org.rdpdiag.engine.FactValue;
import org.rdpdiag.engine.Firing;
import org.rdpdiag.knowledge.Fix;
import org.rdpdiag.knowledge.SeedClaim;
import org.rdpdiag.knowledge.Source;
import org.rdpdiag.plan.PlanStep;

/**
 * The JSON contract as plain maps and lists, in a fixed key order. Kept apart from the domain
 * records so that refactoring them cannot silently change what consumers read. Version 1;
 * adding keys is compatible, renaming or removing them is not.
 */
public final class ReportModel {
    public static final int SCHEMA_VERSION = 2;

    private ReportModel() {}

    public static Map<String, Object> of(Diagnosis d, ReportOptions options) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", SCHEMA_VERSION);
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("id", d.facts().id());
        host.put("source", options.source());
        root.put("host", host);
        root.put("error", error(d));
        root.put("noKnownCause", d.noKnownCause());
        root.put("unusedObservations", d.unusedObservations().stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", v.path());
            m.put("value", v.value());
            return m;
        }).toList());
        root.put("notes", d.facts().notes().stream().map(n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("side", n.side().word());
            m.put("text", n.text());
            return m;
        }).toList());
        root.put("provenance", d.facts().provenance().entrySet().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", e.getKey());
            m.put("source", e.getValue());
            return m;
        }).toList());
        root.put("causes", d.causes().stream().map(ReportModel::cause).toList());
        root.put("plan", d.plan().steps().stream().map(ReportModel::step).toList());
        // Whole minutes: the figure guides, it does not measure.
        root.put("planExpectedMinutes", Math.round(d.plan().expectedMinutes()));
        root.put("planWithheld", d.plan().withheld().stream().map(w -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("policy", w.policy());
            m.put("reason", w.reason());
            return m;
        }).toList());
        root.put("setAside", d.setAside().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", r.path());
            m.put("value", r.value());
            m.put("reason", r.reason());
            return m;
        }).toList());
        root.put("tried", d.facts().tried().stream().map(t -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", t.step());
            m.put("outcome", t.outcome().word());
            return m;
        }).toList());
        Map<String, Object> kb = new LinkedHashMap<>();
        kb.put("fingerprint", d.knowledge().fingerprint());
        kb.put("origin", d.knowledge().origin());
        kb.put("rules", d.knowledge().rules());
        kb.put("causes", d.knowledge().causes());
        root.put("knowledgeBase", kb);
        if (options.explain()) {
            root.put("trace", d.trace().stream().map(ReportModel::firing).toList());
        }
        return root;
    }

    private static Map<String, Object> error(Diagnosis d) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("main", code(d.error().main()));
        e.put("extended", code(d.error().extended()));
        e.put("targeted", d.error().targeted());
        e.put("timing", d.facts().error().timing());
        e.put("dialogText", d.facts().error().dialogText());
        e.put("dialogMessage", d.facts().error().dialogMessage());
        e.put("notes", d.error().notes());
        e.put("seedClaims", d.error().seedClaims().stream().map(ReportModel::claim).toList());
        return e;
    }

    private static Map<String, Object> code(CodeInfo c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", c.value());
        m.put("hex", c.hex());
        m.put("name", c.name());
        m.put("meaning", c.meaning());
        m.put("known", c.known());
        return m;
    }

    private static Map<String, Object> claim(SeedClaim c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", c.code());
        m.put("seeds", c.seeds());
        m.put("claimStatus", c.status() == null ? null : c.status().word());
        m.put("claim", c.claim());
        m.put("verdict", c.verdict());
        m.put("sources", c.sources().stream().map(ReportModel::source).toList());
        return m;
    }

    private static Map<String, Object> cause(CauseAssessment a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.cause().id());
        m.put("title", a.cause().title());
        m.put("family", a.cause().family());
        m.put("kind", a.cause().kind());
        m.put("status", a.status().word());
        m.put("confidence", a.confidence());
        m.put("reason", a.reason());
        m.put("conflicting", a.conflicting());
        List<Map<String, Object>> evidence = new ArrayList<>();
        a.support().forEach(i -> evidence.add(evidence(i)));
        a.against().forEach(i -> evidence.add(evidence(i)));
        m.put("evidence", evidence);
        m.put("unknownFacts", a.unknown());
        m.put("explanation", a.cause().explanation());
        m.put("pairs", a.cause().pairs());
        m.put("sources", a.cause().sources().stream().map(ReportModel::source).toList());
        m.put("claimStatus", a.cause().claimStatus().word());
        m.put("claimNote", a.cause().claimNote());
        m.put("fixes", a.cause().fixes());
        return m;
    }

    private static Map<String, Object> evidence(EvidenceItem i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("effect", i.weight().word());
        m.put("certainty", i.weight().certainty());
        m.put("rule", i.rule());
        m.put("file", i.file());
        m.put("facts", facts(i.facts()));
        m.put("explanation", i.explanation());
        return m;
    }

    private static List<Map<String, Object>> facts(List<FactValue> values) {
        return values.stream().map(v -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("path", v.path());
            f.put("value", v.value());
            return f;
        }).toList();
    }

    private static Map<String, Object> source(Source s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!s.seeds().isEmpty()) {
            m.put("seeds", s.seeds());
            m.put("pair", s.pair());
        }
        if (s.url() != null) {
            m.put("url", s.url());
            m.put("title", s.title());
        }
        return m;
    }

    private static Map<String, Object> step(PlanStep s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", s.step());
        m.put("kind", s.kind().word());
        m.put("id", s.id());
        m.put("title", s.title());
        m.put("runsOn", s.runsOn());
        m.put("instructions", s.instructions());
        m.put("commands", s.commands());
        m.put("addresses", s.addresses());
        m.put("decides", s.decides());
        m.put("reducesSecurity", s.reducesSecurity());
        m.put("collateralRisk", s.collateralRisk());
        m.put("restart", s.restart());
        m.put("restartDetail", s.restartDetail());
        m.put("warning", s.warning());
        m.put("rollback", s.rollback());
        m.put("rollbackOf", s.rollbackOf());
        m.put("undo", undo(s.undo()));
        m.put("verify", s.verify());
        m.put("consultAgain", s.consultAgain());
        m.put("why", s.why());
        m.put("sources", s.sources().stream().map(ReportModel::source).toList());
        return m;
    }

    private static Map<String, Object> undo(Fix.Rollback r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", r.title());
        m.put("instructions", r.steps());
        m.put("commands", r.commands());
        return m;
    }

    private static Map<String, Object> firing(Firing f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("order", f.order());
        m.put("rule", f.rule());
        m.put("file", f.file());
        m.put("facts", facts(f.facts()));
        return m;
    }
}
