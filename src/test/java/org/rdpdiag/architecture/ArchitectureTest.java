package org.rdpdiag.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.rdpdiag.cli.PlantedDroolsUse;
import org.rdpdiag.engine.Evidence;
import org.rdpdiag.knowledge.PlantedViolation;
import org.rdpdiag.knowledge.Weight;

/**
 * The layering of CONTRIBUTING.md ("Code layout"), checked on the compiled product classes: each
 * package uses only the packages below it, no two packages depend on each other, the command line
 * knows nothing of Drools, and nothing but the command line knows terminals (picocli, JLine,
 * standard output and error).
 */
class ArchitectureTest {
    private static final String ROOT = "org.rdpdiag";

    /**
     * Package to level, lowest first. A package may use the packages of lower levels only, so two
     * packages on one level (interview and batch) do not know each other. The benchmarks are not
     * product classes (they build from {@code src/bench/java} into a jar of their own).
     */
    static final Map<String, Integer> LEVELS = levels();

    private static Map<String, Integer> levels() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("text", 0);
        m.put("timing", 0);
        m.put("facts", 1);
        m.put("knowledge", 2);
        m.put("collected", 2);
        m.put("engine", 3);
        m.put("strategy", 4);
        m.put("plan", 5);
        m.put("diagnosis", 6);
        m.put("interview", 7);
        m.put("batch", 7);
        m.put("authoring", 8);
        m.put("report", 9);
        m.put("web", 10);
        m.put("cli", 11);
        return m;
    }

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** Each layer may use only the layers of lower levels. */
    static ArchRule layering() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String p : LEVELS.keySet()) {
            layers = layers.layer(p).definedBy(ROOT + "." + p + "..");
        }
        for (var e : LEVELS.entrySet()) {
            String[] below = LEVELS.entrySet().stream().filter(o -> o.getValue() < e.getValue()).map(Map.Entry::getKey)
                    .toArray(String[]::new);
            layers = below.length == 0 ? layers.whereLayer(e.getKey()).mayNotAccessAnyLayer()
                    : layers.whereLayer(e.getKey()).mayOnlyAccessLayers(below);
        }
        return layers;
    }

    static final ArchRule NO_CYCLES = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    static final ArchRule CLI_WITHOUT_DROOLS = noClasses().that().resideInAPackage(ROOT + ".cli..")
            .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..")
            .because("the commands reach the rules through the services; Drools stays behind knowledge and engine");

    static final ArchRule CORE_WITHOUT_TERMINALS = noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
            .should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.jline..")
            .because("only the command line knows the terminal and the user's command");

    static final ArchRule CORE_DOES_NOT_PRINT = noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("the core returns what it found; only the command line decides what is printed where");

    @Test
    void everyProductPackageIsALayer() {
        Set<String> packages = new TreeSet<>();
        PRODUCT.forEach(c -> packages.add(c.getPackageName().substring(ROOT.length() + 1).split("\\.")[0]));
        assertEquals(new TreeSet<>(LEVELS.keySet()), packages,
                "a new package needs its place in LEVELS and in the table of CONTRIBUTING.md");
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layering().check(PRODUCT);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        NO_CYCLES.check(PRODUCT);
    }

    @Test
    void theCommandLineKnowsNothingOfDrools() {
        CLI_WITHOUT_DROOLS.check(PRODUCT);
    }

    @Test
    void theCoreKnowsNoTerminal() {
        CORE_WITHOUT_TERMINALS.check(PRODUCT);
        CORE_DOES_NOT_PRINT.check(PRODUCT);
    }

    /** The rules themselves catch what they are for: planted offenders in test code. */
    @Test
    void theRulesFailOnPlantedViolations() {
        JavaClasses planted = new ClassFileImporter().importClasses(PlantedViolation.class,
                Evidence.class, Weight.class,
                PlantedDroolsUse.class);
        List<String> missed = new ArrayList<>();
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("layering (knowledge uses engine)", layering());
        rules.put("cycles (knowledge and engine use each other)", NO_CYCLES);
        rules.put("Drools in cli", CLI_WITHOUT_DROOLS);
        rules.put("printing outside cli", CORE_DOES_NOT_PRINT);
        rules.forEach((name, rule) -> {
            EvaluationResult r = rule.evaluate(planted);
            if (!r.hasViolation()) {
                missed.add(name);
            }
        });
        assertTrue(missed.isEmpty(), "not caught: " + missed);
    }
}
