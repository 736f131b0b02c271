package org.rdpdiag.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.interview.Replay;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.knowledge.KnowledgeSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The requests of {@code bench serve}: diagnoses of distinct generated hosts (the batch
 * benchmark's fleet, so that no two requests are alike), and per example host an interview half
 * way through.
 */
final class ServeLoad {
    private ServeLoad() {}

    static final int HOSTS = 2000;

    static void requests(List<ServeBenchmark.Request> diagnoses, List<ServeBenchmark.Request> steps) throws IOException {
        FleetGenerator fleet = new FleetGenerator(904);
        for (int i = 0; i < HOSTS; i++) {
            diagnoses.add(ServeBenchmark.post(FleetGenerator.id(i), "/api/v1/diagnose", "application/json", fleet.jsonLine(i)));
        }
        DiagnoseService service = new DiagnoseService(KnowledgeBaseLoader.withDefaultCache().load(KnowledgeSource.bundled()));
        JsonMapper json = JsonMapper.builder().build();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("facts", "examples"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path f : files) {
            HostFacts truth = FactsReader.read(f);
            Replay.Transcript t = Replay.run(service, HostFacts.unknown(truth.vocabulary(), truth.id()), truth);
            List<Map<String, Object>> answers = t.steps().stream().limit(Math.max(1, t.steps().size() / 2)).map(s -> {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("question", s.questionId());
                a.put("value", s.answer());
                return a;
            }).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", truth.id());
            body.put("answers", answers);
            steps.add(ServeBenchmark.post(f.getFileName().toString(), "/api/v1/interview", "application/json",
                    json.writeValueAsString(body)));
        }
    }
}
