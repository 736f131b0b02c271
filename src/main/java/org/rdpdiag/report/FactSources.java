package org.rdpdiag.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.engine.FactValue;

/**
 * Where the facts the evidence cites came from, for facts a tool read (an imported collector's
 * registry read, say): every renderer lists the same ones, in the order the evidence first cites them.
 */
final class FactSources {
    private FactSources() {}

    static final String TITLE = "Where the cited facts come from";

    /** Path to source, for each fact some evidence cites and the facts give a source for. */
    static Map<String, String> cited(Diagnosis d) {
        Map<String, String> out = new LinkedHashMap<>();
        if (d.facts().provenance().isEmpty()) {
            return out;
        }
        d.causes().stream().flatMap(a -> Stream.concat(a.support().stream(), a.against().stream()))
                .flatMap(i -> i.facts().stream()).map(FactValue::path)
                .forEach(path -> d.facts().sourceOf(path).ifPresent(source -> out.putIfAbsent(path, source)));
        return out;
    }
}
