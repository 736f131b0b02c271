package org.rdpdiag.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.rdpdiag.facts.FactField;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.knowledge.KnowledgeSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A deterministic synthetic fleet: host {@code i} of seed {@code s} is always the same, whatever
 * else is generated, so benchmarks and tests can be re-run and compared.
 *
 * <p>Each host looks like an inventory export: a host with nothing wrong (the bundled
 * {@code facts/baseline/healthy-host.yaml}) of which a random 60% of the observations were
 * collected, then the facts of one case of the bundled case library laid over it, taken in turn,
 * so that every cause the knowledge base knows is confirmed on some hosts and ruled out on
 * others. One host in eight also gets one observation set to another valid value at random.
 */
public final class FleetGenerator {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BASELINE = "rdpdiag-kb/facts/baseline/healthy-host.yaml";

    private final long seed;
    private final Map<String, Object> baseline;
    private final List<Map<String, Object>> cases;
    /** The fleet is written in the bundled observation vocabulary, which the benchmarks diagnose with. */
    private static final Vocabulary VOCABULARY = Vocabulary.bundled();
    private final List<String> paths;
    private final Map<String, FactField> fields = new LinkedHashMap<>();

    public FleetGenerator(long seed) {
        this.seed = seed;
        this.baseline = FactValues.of(readBaseline());
        this.cases = readCases();
        this.paths = List.copyOf(VOCABULARY.paths());
        for (String p : paths) {
            fields.put(p, VOCABULARY.field(p).orElseThrow());
        }
    }

    /** How many distinct case templates the hosts cycle through. */
    public int templates() {
        return cases.size();
    }

    /** The observations of host {@code i} (0-based), path to value. */
    public Map<String, Object> values(long i) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        Map<String, Object> values = new LinkedHashMap<>();
        baseline.forEach((path, value) -> {
            if (random.nextInt(10) < 6) {
                values.put(path, value);
            }
        });
        if (random.nextInt(8) == 0) {
            String path = paths.get(random.nextInt(paths.size()));
            values.put(path, randomValue(fields.get(path), random));
        }
        values.putAll(cases.get((int) (i % cases.size())));
        return values;
    }

    /** Host {@code i} as one line of JSON Lines (without the line break). */
    public String jsonLine(long i) {
        return JSON.writeValueAsString(FactValues.nested(VOCABULARY, id(i), values(i)));
    }

    /**
     * Host {@code i} with one observation of the wrong type ({@code host.nlaRequired: "yes"}),
     * which the facts reader refuses: for runs that mix valid and invalid records.
     */
    public String invalidJsonLine(long i) {
        Map<String, Object> values = values(i);
        values.put("host.nlaRequired", "yes");
        return JSON.writeValueAsString(FactValues.nested(VOCABULARY, id(i), values));
    }

    public static String id(long i) {
        return String.format(Locale.ROOT, "host-%07d", i + 1);
    }

    /**
     * Writes hosts {@code 0 .. count-1} as JSON Lines; with {@code invalidEvery > 0}, every
     * {@code invalidEvery}-th host is invalid.
     */
    public void writeJsonLines(Path file, long count, int invalidEvery) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            for (long i = 0; i < count; i++) {
                boolean invalid = invalidEvery > 0 && (i + 1) % invalidEvery == 0;
                out.write(invalid ? invalidJsonLine(i) : jsonLine(i));
                out.write('\n');
            }
        }
    }

    private Object randomValue(FactField f, SplittableRandom random) {
        switch (f.kind()) {
            case "boolean":
                return random.nextBoolean();
            case "code":
                return f.path().endsWith("mainCode") ? 0x904 : 0x7;
            case "integer-list": {
                List<Integer> ids = new ArrayList<>();
                for (Object allowed : f.allowed()) {
                    if (random.nextInt(4) == 0) {
                        ids.add((Integer) allowed);
                    }
                }
                return ids;
            }
            default:
                break;
        }
        if (!f.allowed().isEmpty()) {
            return f.allowed().get(random.nextInt(f.allowed().size()));
        }
        if (f.kind().equals("integer")) {
            int lo = f.minimum() == null ? 0 : f.minimum().intValue();
            int hi = f.maximum() == null || f.maximum() > lo + 30_000 ? lo + 30_000 : f.maximum().intValue();
            return lo + random.nextInt(hi - lo + 1);
        }
        if (f.kind().equals("number")) {
            double lo = f.minimum() == null ? 0 : f.minimum();
            double hi = f.maximum() == null ? lo + 100 : f.maximum();
            return Math.round((lo + random.nextDouble() * (hi - lo)) * 10) / 10.0;
        }
        return "generated " + random.nextInt(1000);
    }

    private static HostFacts readBaseline() {
        try (InputStream in = FleetGenerator.class.getClassLoader().getResourceAsStream(BASELINE)) {
            if (in == null) {
                throw new IllegalStateException(BASELINE + " is missing from the classpath");
            }
            return FactsReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "healthy-host.yaml",
                    FactsReader.Format.YAML);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The facts of every case of the bundled case library, in file name order. */
    private static List<Map<String, Object>> readCases() {
        Path dir = KnowledgeSource.bundled().root().resolve("cases");
        List<Map<String, Object>> out = new ArrayList<>();
        YAMLMapper yaml = YAMLMapper.builder().build();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted(
                    (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList()) {
                JsonNode facts = yaml.readTree(Files.readString(p)).get("facts");
                if (facts != null) {
                    out.add(FactValues.of(FactsReader.read(JSON.writeValueAsString(facts), p.getFileName().toString(),
                            FactsReader.Format.JSON)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("the bundled case library is empty");
        }
        return List.copyOf(out);
    }
}
