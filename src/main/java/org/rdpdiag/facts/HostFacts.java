package org.rdpdiag.facts;

/**
 * Everything known about one failing connection. A missing section is read as a section whose
 * observations are all unknown, so rules can always match the five section facts.
 */
public record HostFacts(String id, ErrorReport error, Client client, Host host, Network network, Gateway gateway) {

    public HostFacts {
        error = error == null ? ErrorReport.UNKNOWN : error;
        client = client == null ? Client.UNKNOWN : client;
        host = host == null ? Host.UNKNOWN : host;
        network = network == null ? Network.UNKNOWN : network;
        gateway = gateway == null ? Gateway.UNKNOWN : gateway;
    }

    public static HostFacts unknown(String id) {
        return new HostFacts(id, null, null, null, null, null);
    }

    /** The section facts in the order they are inserted into a session. */
    public java.util.List<Object> sections() {
        return java.util.List.of(error, client, host, network, gateway);
    }
}
