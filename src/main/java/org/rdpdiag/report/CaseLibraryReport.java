package org.rdpdiag.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rdpdiag.authoring.CaseOutcome;
import org.rdpdiag.authoring.Coverage;
import org.rdpdiag.authoring.LibraryRun;
import org.rdpdiag.engine.FactValue;
import org.rdpdiag.engine.Firing;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeProblem;
import org.rdpdiag.knowledge.RuleInfo;

/**
 * The text of {@code rules test}: each failing case as expected-versus-actual with the rule
 * trace behind it, then the totals and the coverage. Passing cases take one line each only when
 * asked for, so that a failure is never lost in a long list.
 */
public final class CaseLibraryReport {
    private CaseLibraryReport() {}

    public static String render(LibraryRun run, KnowledgeBase kb, boolean listPassing, Style style) {
        StringBuilder sb = new StringBuilder();
        for (KnowledgeProblem p : run.unreadable()) {
            sb.append(style.red("FAIL")).append(' ').append(p).append('\n');
        }
        for (CaseOutcome o : run.outcomes()) {
            if (o.passed()) {
                if (listPassing) {
                    sb.append(style.green("ok  ")).append(' ').append(o.spec().name()).append('\n');
                }
                continue;
            }
            failure(sb, o, kb, style);
        }
        int cases = run.outcomes().size() + run.unreadable().size();
        sb.append('\n').append(style.bold(cases + " case" + (cases == 1 ? "" : "s") + ": " + (cases - run.failed())
                + " passed, " + run.failed() + " failed")).append('\n');
        coverage(sb, run.coverage(), style);
        return sb.toString();
    }

    private static void failure(StringBuilder sb, CaseOutcome o, KnowledgeBase kb, Style style) {
        String file = o.spec().file().toString();
        sb.append(style.red("FAIL")).append(' ').append(o.spec().name()).append("  ").append(style.dim(file)).append('\n');
        if (o.spec().description() != null) {
            sb.append("     ").append(style.dim(o.spec().description().strip())).append('\n');
        }
        if (o.failure() != null) {
            sb.append("  ").append(file).append(":1: the rules failed on this case: ").append(o.failure()).append('\n');
        }
        for (CaseOutcome.Mismatch m : o.mismatches()) {
            sb.append("  ").append(file).append(':').append(m.line()).append(": ").append(m.what()).append('\n');
            sb.append("      expected: ").append(style.green(m.expected())).append('\n');
            sb.append("      actual:   ").append(style.red(m.actual())).append('\n');
        }
        List<String> causes = o.mismatches().stream().filter(m -> m.what().startsWith("cause "))
                .map(m -> m.what().substring("cause ".length())).distinct().toList();
        if (!o.trace().isEmpty() || !causes.isEmpty()) {
            sb.append("  rule trace:\n");
            for (Firing f : o.trace()) {
                RuleInfo r = kb.rule(f.rule()).orElse(null);
                sb.append("      ").append(r == null ? f.file() : r.file() + ":" + r.line()).append(" \"").append(f.rule())
                        .append('"');
                if (r != null) {
                    sb.append(' ').append(r.weight()).append(' ').append(r.cause());
                }
                sb.append(" on ").append(f.facts().stream().map(CaseLibraryReport::value).collect(Collectors.joining(", ")))
                        .append('\n');
            }
            // What the diagnosis stood on: a reading set aside as stale is not shown as read.
            var read = o.diagnosis() == null ? o.spec().facts() : o.diagnosis().facts();
            for (String cause : causes) {
                boolean spoke = o.trace().stream().anyMatch(f -> kb.rule(f.rule()).map(r -> cause.equals(r.cause())).orElse(false));
                if (!spoke && kb.catalog().cause(cause).isPresent()) {
                    sb.append("      no rule about ").append(cause).append(" fired; its rules read ")
                            .append(kb.factsDeciding(cause).stream()
                                    .map(p -> p + "=" + describe(read.value(p)))
                                    .collect(Collectors.joining(", ")))
                            .append('\n');
                }
            }
        }
    }

    private static void coverage(StringBuilder sb, Coverage c, Style style) {
        sb.append("\nCoverage\n");
        for (Coverage.Part p : c.parts()) {
            sb.append(String.format(Locale.ROOT, "  %-17s %4d of %-4d (%.1f%%)%n", p.kind(), p.total() - p.missed().size(),
                    p.total(), p.percent()));
            if (!p.missed().isEmpty()) {
                String label = switch (p.kind()) {
                    case "rules fired" -> "never fired";
                    case "causes confirmed" -> "never confirmed";
                    case "fixes planned" -> "never planned";
                    default -> "never asked";
                };
                sb.append("    ").append(style.yellow(label + ":")).append('\n');
                p.missed().forEach(m -> sb.append("      ").append(m).append('\n'));
            }
        }
        if (!c.questionsMeasured()) {
            sb.append("  questions asked   not measured (add --interviews to replay the interview on every case)\n");
        }
    }

    private static String value(FactValue v) {
        return v.path() + "=" + describe(v.value());
    }

    private static String describe(Object value) {
        return value == null ? "unknown" : String.valueOf(value);
    }
}
