package org.rdpdiag.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rdpdiag.facts.FactPaths;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads and cross-checks the catalogue files. Reports every problem with its file and line. */
final class CatalogLoader {
    private static final Set<String> RUNS_ON = Set.of("client", "host", "azure-portal", "network-device", "gateway");
    private static final Set<String> RESTART = Set.of("none", "reconnect", "policy-refresh", "service", "reboot");
    private static final Set<String> FIX_KINDS = Set.of("fix", "escalate", "prevent");

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The shape of one catalogue file; every list is optional. */
    record CatalogFile(String family, List<Cause> causes, List<Fix> fixes, List<Check> checks,
            List<ErrorCode> codes, List<SeedClaim> seedClaims, List<Map<String, Object>> questions) {}

    private final KnowledgeSource source;
    private final List<KnowledgeProblem> problems = new ArrayList<>();

    CatalogLoader(KnowledgeSource source) {
        this.source = source;
    }

    Catalog load() {
        Map<String, Cause> causes = new LinkedHashMap<>();
        Map<String, Fix> fixes = new LinkedHashMap<>();
        Map<String, Check> checks = new LinkedHashMap<>();
        Map<String, String> definedIn = new LinkedHashMap<>();
        List<ErrorCode> codes = new ArrayList<>();
        List<SeedClaim> claims = new ArrayList<>();
        for (Path file : source.catalogFiles()) {
            String name = source.display(file);
            CatalogFile cf = read(file, name);
            if (cf == null) {
                continue;
            }
            for (Cause c : nonNull(cf.causes())) {
                Cause withFamily = c.family() != null || cf.family() == null ? c
                        : new Cause(c.id(), c.title(), cf.family(), c.kind(), c.explanation(), c.pairs(),
                                c.sources(), c.claimStatus(), c.claimNote(), c.prior(), c.explains(), c.fixes());
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
            codes.addAll(nonNull(cf.codes()));
            claims.addAll(nonNull(cf.seedClaims()));
        }
        causes.values().forEach(c -> checkCause(c, fixes, definedIn.get("cause " + c.id())));
        fixes.values().forEach(f -> checkFix(f, definedIn.get("fix " + f.id())));
        checks.values().forEach(k -> checkCheck(k, definedIn.get("check " + k.id())));
        if (!problems.isEmpty()) {
            throw new KnowledgeException(problems);
        }
        return new Catalog(causes, fixes, checks, codes, claims);
    }

    private CatalogFile read(Path file, String name) {
        try {
            String text = Files.readString(file);
            if (text.isBlank()) {
                return null;
            }
            return YAML.readValue(text, CatalogFile.class);
        } catch (JacksonException e) {
            TokenStreamLocation loc = e.getLocation();
            int line = loc == null ? 0 : loc.getLineNr();
            int col = loc == null ? 0 : loc.getColumnNr();
            problems.add(KnowledgeProblem.error(name, line, col, e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(KnowledgeProblem.error(name, 0, 0, "cannot read: " + e.getMessage()));
            return null;
        }
    }

    private boolean unique(Map<String, String> definedIn, String key, String file) {
        String earlier = definedIn.putIfAbsent(key, file);
        if (earlier != null) {
            problems.add(KnowledgeProblem.error(file, 0, 0, key + " is already defined in " + earlier));
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

    private void checkFix(Fix f, String file) {
        String what = "fix " + f.id();
        require(f.title() != null && f.explanation() != null, file, what + " needs a title and an explanation");
        require(f.claimStatus() != null, file, what + " has no claimStatus");
        require(!f.sources().isEmpty(), file, what + " cites no source");
        require(FIX_KINDS.contains(f.kind()), file, what + " kind must be one of " + FIX_KINDS);
        require(f.runsOn() != null && RUNS_ON.contains(f.runsOn()), file, what + " runsOn must be one of " + RUNS_ON);
        require(RESTART.contains(f.restart()), file, what + " restart must be one of " + RESTART);
        require(Set.of("none", "low", "high").contains(f.collateralRisk()), file, what + " collateralRisk must be none, low or high");
        require(f.invasiveness() >= 1 && f.invasiveness() <= 5, file, what + " invasiveness must be 1..5");
        require(!f.risky() || f.rollback() != null, file, what + " lowers security or risks collateral damage, so it needs a rollback");
        require(!f.risky() || f.warning() != null, file, what + " lowers security or risks collateral damage, so it needs a warning");
        require(!"fix".equals(f.kind()) || !f.verify().isEmpty(), file, what + " needs a verify list: how to tell that it worked");
        checkConditions(f.appliesWhen(), file, what);
    }

    private void checkCheck(Check k, String file) {
        require(k.title() != null, file, "check " + k.id() + " needs a title");
        require(k.runsOn() != null && RUNS_ON.contains(k.runsOn()), file, "check " + k.id() + " runsOn must be one of " + RUNS_ON);
        require(k.cost() >= 1 && k.cost() <= 5, file, "check " + k.id() + " cost must be 1..5");
        require(!k.decides().isEmpty(), file, "check " + k.id() + " decides no fact");
        checkConditions(k.appliesWhen(), file, "check " + k.id());
        for (String path : k.decides()) {
            require(FactPaths.exists(path), file, "check " + k.id() + " decides '" + path + "', which is not a fact of the schema");
        }
    }

    private void checkConditions(Map<String, Object> appliesWhen, String file, String what) {
        appliesWhen.forEach((path, value) -> {
            require(FactPaths.exists(path), file, what + " appliesWhen names '" + path + "', which is not a fact of the schema");
            require(value != null && !(value instanceof Map) && !(value instanceof List), file,
                    what + " appliesWhen " + path + " needs a single value");
        });
    }

    private void require(boolean ok, String file, String message) {
        if (!ok) {
            problems.add(KnowledgeProblem.error(file, 0, 0, message));
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
