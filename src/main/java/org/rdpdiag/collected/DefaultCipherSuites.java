package org.rdpdiag.collected;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cipher suites Windows enables by default, for the releases whose lists Microsoft publishes
 * ("TLS Cipher Suites in Windows ..."), to tell a local suite list trimmed with
 * Disable-TlsCipherSuite from Windows' own. NULL, RC4 and 3DES suites are left out: monthly
 * updates have taken some of them off the default lists since, and no Remote Desktop client
 * needs them, so their absence proves no hardening.
 */
final class DefaultCipherSuites {
    /** A release and the suites it enables by default. */
    record Release(String name, List<String> suites) {}

    private DefaultCipherSuites() {}

    private static final List<String> ECDHE_AND_RSA = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA");

    private static List<String> with(List<String> base, String... more) {
        java.util.List<String> all = new java.util.ArrayList<>(List.of(more));
        all.addAll(base);
        return List.copyOf(all);
    }

    /** By build number: 1607 and Server 2016, 1809 and Server 2019, Server 2022. */
    private static final Map<Long, Release> BY_BUILD = Map.of(
            14393L, new Release("Windows Server 2016 / Windows 10 1607", with(ECDHE_AND_RSA,
                    "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
                    "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256",
                    "TLS_DHE_DSS_WITH_AES_256_CBC_SHA", "TLS_DHE_DSS_WITH_AES_128_CBC_SHA")),
            17763L, new Release("Windows Server 2019 / Windows 10 1809", ECDHE_AND_RSA),
            20348L, new Release("Windows Server 2022", with(ECDHE_AND_RSA, "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256")));

    static Optional<Release> of(Long build) {
        return Optional.ofNullable(build == null ? null : BY_BUILD.get(build));
    }
}
