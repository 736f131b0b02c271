package org.rdpdiag.facts;

/** The computer the user connects from and its Remote Desktop client application. */
public record Client(
        String os,
        Integer osBuild,
        Boolean credsspPatched,
        Integer allowEncryptionOracle,
        String application,
        String applicationVersion,
        Boolean applicationUpToDate,
        Boolean otherClientWorks,
        Boolean nlaCapable,
        String delegationPolicy,
        Boolean kerberosAvailable,
        Boolean udpDisabled) {
    public static final Client UNKNOWN =
            new Client(null, null, null, null, null, null, null, null, null, null, null, null);
}
