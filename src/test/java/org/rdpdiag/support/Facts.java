package org.rdpdiag.support;

import java.util.List;
import org.rdpdiag.facts.Host;

/** Small builders for fact records in tests, so a test names only the observations it cares about. */
public final class Facts {
    private Facts() {}

    public static HostBuilder host() {
        return new HostBuilder();
    }

    /** Builds a {@link Host} with every observation unknown unless set. */
    public static final class HostBuilder {
        private Boolean nlaRequired;
        private Boolean fipsEnabled;
        private Integer minEncryptionLevel;
        private Boolean azureVm;
        private Integer listenerPort;
        private Boolean tls12ServerEnabled;
        private List<Integer> eventIdsSeen;

        public HostBuilder nlaRequired(Boolean v) { nlaRequired = v; return this; }
        public HostBuilder fipsEnabled(Boolean v) { fipsEnabled = v; return this; }
        public HostBuilder minEncryptionLevel(Integer v) { minEncryptionLevel = v; return this; }
        public HostBuilder azureVm(Boolean v) { azureVm = v; return this; }
        public HostBuilder listenerPort(Integer v) { listenerPort = v; return this; }
        public HostBuilder tls12ServerEnabled(Boolean v) { tls12ServerEnabled = v; return this; }
        public HostBuilder eventIdsSeen(List<Integer> v) { eventIdsSeen = v; return this; }

        public Host build() {
            return new Host(null, null, null, azureVm, null, null, null, null, null, listenerPort, null, null, null,
                    nlaRequired, null, minEncryptionLevel, fipsEnabled, tls12ServerEnabled, null, null, null, null,
                    null, null, null, null, eventIdsSeen, null, null, null, null, null);
        }
    }
}
