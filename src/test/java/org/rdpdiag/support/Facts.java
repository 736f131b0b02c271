package org.rdpdiag.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Vocabulary;

/** Small builders for facts in tests, so a test names only the observations it cares about. */
public final class Facts {
    private Facts() {}

    /** Facts with every observation unknown unless set, in the bundled vocabulary. */
    public static HostBuilder host() {
        return new HostBuilder();
    }

    /** Builds {@link HostFacts} by naming observations; the host's own have shortcuts. */
    public static final class HostBuilder {
        private final Map<String, Object> values = new LinkedHashMap<>();
        private String id = "t";

        public HostBuilder id(String v) { id = v; return this; }
        public HostBuilder with(String path, Object v) { values.put(path, v); return this; }
        public HostBuilder nlaRequired(Boolean v) { return with("host.nlaRequired", v); }
        public HostBuilder fipsEnabled(Boolean v) { return with("host.fipsEnabled", v); }
        public HostBuilder minEncryptionLevel(Integer v) { return with("host.minEncryptionLevel", v); }
        public HostBuilder azureVm(Boolean v) { return with("host.azureVm", v); }
        public HostBuilder listenerPort(Integer v) { return with("host.listenerPort", v); }
        public HostBuilder tls12ServerEnabled(Boolean v) { return with("host.tls12ServerEnabled", v); }
        public HostBuilder eventIdsSeen(List<Integer> v) { return with("host.eventIdsSeen", v); }

        public HostFacts build() {
            values.values().removeIf(java.util.Objects::isNull);
            return HostFacts.of(Vocabulary.bundled(), id, values);
        }
    }
}
