package org.rdpdiag.facts;

/** The path between client and host. */
public record Network(
        Boolean vpnInUse,
        String vpnProtocol,
        Double packetLossPct,
        Integer latencyMs,
        Double bandwidthMbps,
        Boolean lanWorks,
        Boolean otherClientsConnect,
        Boolean portReachable,
        Boolean largePacketsFail,
        Boolean firewallRuleEnabled,
        Boolean azureNsgAllows,
        Boolean udpInUse,
        Boolean tcpOnlyWorks,
        Boolean domainControllerReachable) {
    public static final Network UNKNOWN =
            new Network(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
}
