package org.rdpdiag.facts;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything known about one failing connection. A missing section is read as a section whose
 * observations are all unknown, so rules can always match the five section facts.
 *
 * @param tried the steps of an earlier plan already tried on the host, one entry per step, in the
 *              order written; empty when nothing was tried (never null)
 */
public record HostFacts(String id, ErrorReport error, Client client, Host host, Network network, Gateway gateway,
        List<Tried> tried) {

    /**
     * @throws IllegalArgumentException when {@code tried} names a step twice (a facts file that
     *                                  does so is refused, located, by the reader)
     */
    public HostFacts {
        error = error == null ? ErrorReport.UNKNOWN : error;
        client = client == null ? Client.UNKNOWN : client;
        host = host == null ? Host.UNKNOWN : host;
        network = network == null ? Network.UNKNOWN : network;
        gateway = gateway == null ? Gateway.UNKNOWN : gateway;
        // A list read from a file is kept as it is: it is immutable and knows where each entry was written.
        tried = tried == null ? List.of() : tried instanceof TriedList ? tried : List.copyOf(tried);
        if (tried.size() > 1) {
            Set<String> steps = new HashSet<>();
            for (Tried t : tried) {
                if (!steps.add(t.step())) {
                    throw new IllegalArgumentException("step '" + t.step() + "' is tried more than once; keep one entry per step");
                }
            }
        }
    }

    /** Facts with nothing tried yet. */
    public HostFacts(String id, ErrorReport error, Client client, Host host, Network network, Gateway gateway) {
        this(id, error, client, host, network, gateway, List.of());
    }

    public static HostFacts unknown(String id) {
        return new HostFacts(id, null, null, null, null, null);
    }

    /** The same observations with {@code tried} in place of what was tried so far. */
    public HostFacts withTried(List<Tried> tried) {
        return new HostFacts(id, error, client, host, network, gateway, tried);
    }

    /**
     * Where entry {@code index} of {@link #tried()} (its step) was written, when these facts were
     * read from a file or a record of one; empty for facts built otherwise.
     */
    public Optional<FactsLocation> triedAt(int index) {
        return tried instanceof TriedList located ? Optional.of(located.place(index)) : Optional.empty();
    }

    /** The section facts in the order they are inserted into a session. */
    public List<Object> sections() {
        return List.of(error, client, host, network, gateway);
    }
}
