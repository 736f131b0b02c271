package org.rdpdiag.collected;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.rdpdiag.facts.FactField;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.facts.FactsProblem;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Observations;
import org.rdpdiag.facts.Vocabulary;

/**
 * Turns the evidence of one host (a host file, a client file, or both) into that host's facts,
 * with the source of every value. Each fact follows from the items the collectors' table in
 * docs/collect.md names, by the documented meaning of the value (and its documented default when
 * a value is not present, where Windows has one); anything else stays unknown and is reported,
 * located, in {@link Imported#skipped()}.
 */
public final class Importer {

    /**
     * @param facts   the facts, each value with its source
     * @param skipped what could not be used, each at its item: unknown items, errors, results of
     *                an unexpected shape, values outside the vocabulary
     */
    public record Imported(HostFacts facts, List<FactsProblem> skipped) {}

    private final Vocabulary vocabulary;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<FactsProblem> skipped = new ArrayList<>();

    private Importer(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /**
     * @param reads at most one host file and one client file, of the same connection
     * @throws FactsException when two files come from the same side
     */
    public static Imported of(List<EvidenceReader.Read> reads, Vocabulary vocabulary, String id) {
        Map<Side, EvidenceFile> bySide = new EnumMap<>(Side.class);
        List<FactsProblem> refused = new ArrayList<>();
        for (EvidenceReader.Read r : reads) {
            EvidenceFile earlier = bySide.putIfAbsent(r.file().side(), r.file());
            if (earlier != null) {
                throw new FactsException(List.of(new FactsProblem(r.file().name(), 1, 1, "a second " + r.file().side().word()
                        + " evidence file (the first is " + earlier.name() + "); one import makes the facts of one connection",
                        "import each host on its own, or give 'batch' the folder of evidence files")));
            }
            refused.addAll(r.refused());
        }
        Importer importer = new Importer(vocabulary);
        importer.skipped.addAll(refused);
        EvidenceFile host = bySide.get(Side.HOST);
        EvidenceFile client = bySide.get(Side.CLIENT);
        if (host != null) {
            importer.host(importer.new Items(host));
        }
        if (client != null) {
            importer.client(importer.new Items(client));
        }
        HostFacts facts = HostFacts.of(vocabulary, id, importer.values).withProvenance(importer.sources);
        List<FactsProblem> sorted = new ArrayList<>(importer.skipped);
        sorted.sort(java.util.Comparator.comparing(FactsProblem::file).thenComparingInt(FactsProblem::line)
                .thenComparingInt(FactsProblem::column));
        return new Imported(facts, List.copyOf(sorted));
    }

    /** The connection's id: the host's computer name as collected, else the client's, else {@code fallback}. */
    public static String idOf(List<EvidenceReader.Read> reads, String fallback) {
        return reads.stream().sorted(java.util.Comparator.comparing(r -> r.file().side() != Side.HOST))
                .map(r -> r.file().computer()).filter(c -> c != null).findFirst().orElse(fallback);
    }

    // ------------------------------------------------------------------------------------ host

    private void host(Items items) {
        os(items, "host");
        items.registry("rdp-deny-connections").ifPresent(r -> r.dword().ifPresentOrElse(
                v -> put("host.remoteDesktopEnabled", v == 0, r.item, r.describe()),
                () -> r.unusable("host.remoteDesktopEnabled")));
        items.registry("rdp-policy-deny-connections").ifPresent(r -> {
            if (r.notPresent()) {
                put("host.remoteDesktopPolicy", "not-configured", r.item, r.describeAbsent());
            } else {
                r.dword().ifPresentOrElse(v -> put("host.remoteDesktopPolicy", v == 0 ? "enabled" : "disabled", r.item, r.describe()),
                        () -> r.unusable("host.remoteDesktopPolicy"));
            }
        });
        items.registry("rdp-port").ifPresent(r -> r.dword().ifPresentOrElse(
                v -> put("host.listenerPort", v, r.item, r.describe()), () -> r.unusable("host.listenerPort")));
        policyOrLocal(items, "rdp-policy-user-authentication", "rdp-user-authentication", "host.nlaRequired", v -> v == 1);
        policyOrLocal(items, "rdp-policy-security-layer", "rdp-security-layer", "host.securityLayer",
                v -> v == 0 ? "rdp" : v == 1 ? "negotiate" : v == 2 ? "tls" : null);
        items.registry("rdp-min-encryption-level").ifPresent(r -> r.dword().ifPresentOrElse(
                v -> put("host.minEncryptionLevel", v, r.item, r.describe()), () -> r.unusable("host.minEncryptionLevel")));
        items.registry("rdp-certificate-hash");
        items.registry("fips-policy").ifPresent(r -> {
            if (r.notPresent()) {
                put("host.fipsEnabled", false, r.item, r.describeAbsent() + " (FIPS mode is off by default)");
            } else {
                r.dword().ifPresentOrElse(v -> put("host.fipsEnabled", v != 0, r.item, r.describe()), () -> r.unusable("host.fipsEnabled"));
            }
        });
        tls12(items);
        schannel(items);
        items.registry("cipher-suite-policy").ifPresent(r -> {
            if (r.notPresent()) {
                put("host.customCipherSuiteOrder", false, r.item, r.describeAbsent());
            } else if (!r.failed()) {
                put("host.customCipherSuiteOrder", true, r.item, r.describe());
            } else {
                r.unusable("host.customCipherSuiteOrder");
            }
        });
        encryptionOracle(items, "host");
        items.registry("restricted-admin").ifPresent(r -> {
            if (r.notPresent()) {
                put("host.restrictedAdminEnabled", false, r.item, r.describeAbsent() + " (Restricted Admin is off by default)");
            } else {
                r.dword().ifPresentOrElse(v -> put("host.restrictedAdminEnabled", v == 0, r.item, r.describe()),
                        () -> r.unusable("host.restrictedAdminEnabled"));
            }
        });
        items.registry("setup-in-progress").ifPresent(r -> r.dword().ifPresentOrElse(
                v -> put("host.setupInProgress", v != 0, r.item, r.describe()), () -> r.unusable("host.setupInProgress")));
        termService(items);
        listener(items);
        certificate(items, items.file.collectedAt());
        keyAccess(items);
        items.get("machinekeys-acl");
        events(items);
        items.get("rds-role").ifPresent(item -> {
            if (item.failed() && "not-supported".equals(item.error().kind())) {
                put("host.rdsSessionHost", false, item, "Get-WindowsFeature is not available: not a Windows Server, "
                        + read(item));
            } else if (item.result() instanceof Map<?, ?> m && m.get("installed") instanceof Boolean b) {
                put("host.rdsSessionHost", b, item, "feature " + item.queried("name").orElse("RDS-RD-Server")
                        + (b ? " installed" : " not installed") + ", " + read(item));
            } else {
                unusable(item, "host.rdsSessionHost", "expected a result with 'installed' true or false");
            }
        });
        items.registry("licensing-mode");
        licenseServers(items);
        // Outside a Session Host the collector records the grace period as not applying: nothing to report.
        items.get("licensing-grace").filter(item -> !(item.failed() && "not-supported".equals(item.error().kind())))
                .ifPresent(item -> number(item, "DaysLeft").ifPresentOrElse(
                v -> put("host.licensingGraceDaysLeft", v, item, "Win32_TerminalServiceSetting.GetGracePeriodDays = " + v + ", " + read(item)),
                () -> unusable(item, "host.licensingGraceDaysLeft", "expected a result with 'DaysLeft'")));
        items.registry("connection-limit").ifPresent(r -> {
            // 0xFFFFFFFF is the policy's "no limit", which the observation leaves unset.
            r.dword().filter(v -> v > 0 && v < 0xFFFFFFFFL).ifPresent(v -> put("host.connectionLimit", v, r.item, r.describe()));
        });
        items.get("sessions").ifPresent(item -> number(item, "count").ifPresentOrElse(
                v -> put("host.activeSessions", v, item, "sessions listed by qwinsta: " + v + ", " + read(item)),
                () -> unusable(item, "host.activeSessions", "expected a result with 'count'")));
        firewall(items);
        join(items);
        // Outside a domain there is no secure channel to test; the collector's error then says nothing.
        boolean domainMember = "ad-domain".equals(values.get("host.joinType")) || "hybrid".equals(values.get("host.joinType"))
                || !values.containsKey("host.joinType");
        items.get("secure-channel").filter(item -> domainMember || !item.failed()).ifPresent(item -> {
            String out = item.result() instanceof Map<?, ?> m && m.get("output") instanceof String s ? s.trim() : "";
            if (out.equalsIgnoreCase("True") || out.equalsIgnoreCase("False")) {
                put("host.secureChannelOk", out.equalsIgnoreCase("True"), item, "Test-ComputerSecureChannel returned " + out + ", " + read(item));
            } else {
                unusable(item, "host.secureChannelOk", "expected 'output' True or False");
            }
        });
        items.get("azure-imds").ifPresent(item -> {
            if (item.result() instanceof Map<?, ?> m && m.get("status") instanceof Number status) {
                put("host.azureVm", status.intValue() == 200, item, "Azure instance metadata answered HTTP " + status + ", " + read(item));
            } else if (item.failed() && ("timeout".equals(item.error().kind()) || "failed".equals(item.error().kind()))) {
                put("host.azureVm", false, item, "no answer from the Azure instance metadata endpoint (" + item.error().kind() + "), " + read(item));
            } else {
                unusable(item, "host.azureVm", "expected a result with 'status'");
            }
        });
        items.reportUnread();
    }

    private void os(Items items, String side) {
        items.get("os").ifPresent(item -> {
            if (!(item.result() instanceof Map<?, ?> m)) {
                unusable(item, side + ".os", "expected a result with 'caption', 'build' and 'ubr'");
                return;
            }
            String caption = m.get("caption") instanceof String s ? s.trim() : null;
            Long build = longOf(m.get("build"));
            Long ubr = longOf(m.get("ubr"));
            String source = "Win32_OperatingSystem " + (caption == null ? "" : caption + ", ") + "build " + build
                    + (ubr == null ? "" : "." + ubr) + ", " + read(item);
            if (caption != null) {
                put(side + ".os", caption, item, source);
            }
            if (build != null) {
                put(side + ".osBuild", build, item, source);
                // Windows 10 1809 / Server 2019 and later shipped with the CredSSP fix; for 1607 / Server
                // 2016 the fixing update is build 14393.2248. Other builds need the update history.
                if (build >= 17763) {
                    put(side + ".credsspPatched", true, item, source + " (1809 and later include the CredSSP fix)");
                } else if (build == 14393 && ubr != null) {
                    put(side + ".credsspPatched", ubr >= 2248, item, source + " (the CredSSP fix is 14393.2248)");
                } else {
                    skip(item, side + ".credsspPatched stays unknown: the CredSSP patch level cannot be told from build "
                            + build + "; read the update history");
                }
            }
        });
    }

    private void licenseServers(Items items) {
        Optional<Registry> policy = items.registry("license-servers");
        Optional<Registry> deployment = items.registry("license-servers-deployment");
        for (Optional<Registry> named : List.of(policy, deployment)) {
            if (named.isPresent() && !named.get().failed() && named.get().value() != null && !String.valueOf(named.get().value()).isBlank()
                    && !"[]".equals(String.valueOf(named.get().value()))) {
                put("host.licenseServerConfigured", true, named.get().item, named.get().describe());
                return;
            }
        }
        // Neither the policy nor the deployment names one: on a Session Host, no license server is set.
        if (policy.map(Registry::notPresent).orElse(false) && deployment.map(Registry::notPresent).orElse(false)
                && Boolean.TRUE.equals(values.get("host.rdsSessionHost"))) {
            put("host.licenseServerConfigured", false, deployment.get().item, policy.get().describeAbsent() + "; "
                    + deployment.get().describeAbsent());
        }
    }

    private void tls12(Items items) {
        Optional<Registry> enabled = items.registry("schannel-tls12-server-enabled");
        Optional<Registry> disabledByDefault = items.registry("schannel-tls12-server-disabled-by-default");
        String path = "host.tls12ServerEnabled";
        if (enabled.isPresent() && enabled.get().dword().isPresent()) {
            Registry r = enabled.get();
            long v = r.dword().get();
            boolean offByDefault = disabledByDefault.flatMap(Registry::dword).map(d -> d == 1).orElse(false);
            put(path, v != 0 && !offByDefault, r.item, r.describe()
                    + (offByDefault ? "; " + disabledByDefault.get().describe() : ""));
            return;
        }
        if (disabledByDefault.isPresent() && disabledByDefault.get().dword().map(d -> d == 1).orElse(false)) {
            put(path, false, disabledByDefault.get().item, disabledByDefault.get().describe());
            return;
        }
        if (enabled.isPresent() && enabled.get().notPresent()) {
            Long build = values.get("host.osBuild") instanceof Number n ? n.longValue() : null;
            if (build != null && build >= 9200) {
                put(path, true, enabled.get().item, enabled.get().describeAbsent() + " (TLS 1.2 is on by default from Windows Server 2012)");
            } else {
                skip(enabled.get().item, path + " stays unknown: no Schannel setting, and the default depends on the build"
                        + (build == null ? ", which was not read" : " " + build));
            }
        } else {
            enabled.ifPresent(r -> r.unusable(path));
        }
    }

    private void encryptionOracle(Items items, String side) {
        items.registry("credssp-allow-encryption-oracle").ifPresent(r -> {
            if (!r.notPresent()) {
                r.dword().filter(v -> v >= 0 && v <= 2).ifPresentOrElse(
                        v -> put(side + ".allowEncryptionOracle", v, r.item, r.describe()),
                        () -> r.unusable(side + ".allowEncryptionOracle"));
            }
            // Not present: the observation is left out, as its question says.
        });
    }

    private interface Meaning {
        Object of(long value);
    }

    private void policyOrLocal(Items items, String policyId, String localId, String path, Meaning meaning) {
        Optional<Registry> policy = items.registry(policyId);
        Optional<Registry> local = items.registry(localId);
        Optional<Registry> used = policy.filter(r -> r.dword().isPresent()).or(() -> local.filter(r -> r.dword().isPresent()));
        if (used.isEmpty()) {
            local.filter(r -> !r.notPresent()).ifPresent(r -> r.unusable(path));
            return;
        }
        Registry r = used.get();
        Object value = meaning.of(r.dword().get());
        if (value == null) {
            r.unusable(path);
        } else {
            put(path, value, r.item, r.describe() + (r == policy.orElse(null) ? " (set by policy, which wins)" : ""));
        }
    }

    private void termService(Items items) {
        String dependencies = termServiceDependencies(items);
        items.get("termservice").ifPresent(item -> {
            String status = field(item, "status");
            String start = field(item, "startType");
            String state = "Running".equalsIgnoreCase(status) ? "running"
                    : "Disabled".equalsIgnoreCase(start) ? "disabled"
                    : "Stopped".equalsIgnoreCase(status) ? "stopped" : null;
            if (state == null) {
                unusable(item, "host.termServiceState", "status " + status + " is neither running nor stopped; read it again");
            } else {
                put("host.termServiceState", state, item, "service TermService " + status + ", start type " + start
                        + (dependencies == null ? "" : "; " + dependencies) + ", " + read(item));
            }
        });
    }

    /**
     * The services TermService needs started first, in words for the source of its state. No
     * observation holds them (no rule tells a stopped TermService by its cause), so they are
     * evidence only: a stopped or disabled dependency is named first, where a reader looks.
     */
    private String termServiceDependencies(Items items) {
        Optional<CollectedItem> found = items.get("termservice-dependencies");
        if (found.isEmpty()) {
            return null;
        }
        CollectedItem item = found.get();
        if (!(item.result() instanceof List<?> services)) {
            skip(item, "item 'termservice-dependencies' " + (item.failed() ? "recorded " + item.error().kind()
                    + (item.error().message() == null ? "" : " (" + item.error().message() + ")") : "cannot be read: expected a list of services")
                    + "; the source of host.termServiceState leaves TermService's dependencies out");
            return null;
        }
        List<String> down = new ArrayList<>();
        List<String> up = new ArrayList<>();
        for (Object o : services) {
            if (!(o instanceof Map<?, ?> service) || !(service.get("name") instanceof String name) || !(service.get("status") instanceof String status)) {
                skip(item, "item 'termservice-dependencies' cannot be read: expected each service with 'name' and 'status'; the source of"
                        + " host.termServiceState leaves TermService's dependencies out");
                return null;
            }
            String words = name + " " + status + (service.get("startType") instanceof String start ? " (" + start + ")" : "");
            ("Running".equalsIgnoreCase(status) ? up : down).add(words);
        }
        if (services.isEmpty()) {
            return "it depends on no other service";
        }
        return down.isEmpty() ? "the services it depends on run: " + String.join(", ", up)
                : "a service it depends on is not running: " + String.join(", ", down) + (up.isEmpty() ? "" : "; running: " + String.join(", ", up));
    }

    private static final List<String> SCHANNEL_TREES = List.of("schannel-protocols", "schannel-ciphers", "schannel-hashes", "schannel-key-exchange");

    /**
     * Whether a hardening tool narrowed Schannel: a value under the SCHANNEL subkeys that switches a
     * protocol or algorithm off or sets a minimum key size, or a local suite list without suites
     * Windows enables by default. Its absence is told only when every subkey was read and the local
     * list could be compared with the defaults of the host's release.
     */
    private void schannel(Items items) {
        String path = "host.schannelHardened";
        List<String> narrowing = new ArrayList<>();
        CollectedItem first = null;
        CollectedItem anchor = null;
        List<String> unread = new ArrayList<>();
        for (String id : SCHANNEL_TREES) {
            Optional<CollectedItem> found = items.get(id);
            if (found.isEmpty()) {
                unread.add(id + " was not collected");
                continue;
            }
            CollectedItem item = found.get();
            anchor = anchor == null ? item : anchor;
            if (item.failed() && item.error().notPresent()) {
                continue; // no such subkey: nothing is set under it
            }
            if (!(item.result() instanceof Map<?, ?> m) || !(m.get("values") instanceof List<?> values)) {
                unusable(item, path, "expected a result with a 'values' list");
                unread.add(id + " could not be read");
                continue;
            }
            String full = item.queried("path").orElse(id);
            // From SCHANNEL on: the rest of the path is the same on every Windows.
            String root = full.toUpperCase(Locale.ROOT).contains("SCHANNEL") ? full.substring(full.toUpperCase(Locale.ROOT).indexOf("SCHANNEL")) : full;
            for (Object o : values) {
                String why = o instanceof Map<?, ?> w ? narrows(w) : null;
                if (!(o instanceof Map<?, ?> v) || !(v.get("name") instanceof String) || BAD.equals(why)) {
                    skip(item, "item '" + id + "' holds a value that cannot be read: " + o + "; " + path + " is not told from it");
                    unread.add(id + " holds an unreadable value");
                    continue;
                }
                if (why != null) {
                    narrowing.add(root + "\\" + v.get("key") + " " + v.get("name") + " = " + v.get("value") + " (" + why + ")");
                    first = first == null ? item : first;
                }
            }
        }
        Long build = values.get("host.osBuild") instanceof Number n ? n.longValue() : null;
        Optional<Registry> local = items.registry("local-cipher-suites");
        Optional<DefaultCipherSuites.Release> release = DefaultCipherSuites.of(build);
        String localSaid = null;
        if (local.isEmpty()) {
            unread.add("the local suite list was not collected");
        } else if (local.get().failed()) {
            unread.add("the local suite list could not be read (" + local.get().item.error().kind() + ")");
        } else if (suites(local.get().value()) == null) {
            local.get().unusable(path);
            unread.add("the local suite list could not be read");
        } else if (release.isEmpty()) {
            unread.add("the local suite list cannot be compared with Windows' own for build " + (build == null ? "unknown" : build));
        } else {
            Set<String> present = new HashSet<>(suites(local.get().value()));
            List<String> missing = release.get().suites().stream().filter(s -> !present.contains(s)).toList();
            if (missing.isEmpty()) {
                localSaid = "the local suite list holds every suite " + release.get().name() + " enables by default";
            } else {
                narrowing.add("the local suite list (" + local.get().item.queried("path").orElse("?") + " Functions) lacks " + missing.size()
                        + " of the suites " + release.get().name() + " enables by default: " + String.join(", ", missing.subList(0, Math.min(3, missing.size())))
                        + (missing.size() > 3 ? ", ..." : ""));
                first = first == null ? local.get().item : first;
            }
        }
        if (!narrowing.isEmpty()) {
            put(path, true, first, String.join("; ", narrowing.subList(0, Math.min(4, narrowing.size())))
                    + (narrowing.size() > 4 ? "; and " + (narrowing.size() - 4) + " more" : "") + ", " + read(first));
        } else if (unread.isEmpty() && localSaid != null) {
            put(path, false, anchor, "no value under SCHANNEL\\Protocols, Ciphers, Hashes or KeyExchangeAlgorithms switches anything off or"
                    + " sets a minimum key size, and " + localSaid + ", " + read(anchor));
        } else if (anchor != null || local.isPresent()) {
            skip(anchor != null ? anchor : local.get().item, path + " stays unknown: nothing found that narrows Schannel, but "
                    + String.join("; ", unread));
        }
    }

    private static final String BAD = "unreadable";

    /** Why a value under the SCHANNEL subkeys narrows what Schannel allows, null when it does not, {@link #BAD} when unreadable. */
    private static String narrows(Map<?, ?> v) {
        String name = String.valueOf(v.get("name"));
        String key = String.valueOf(v.get("key"));
        boolean known = name.equalsIgnoreCase("Enabled") || name.equalsIgnoreCase("DisabledByDefault")
                || name.equalsIgnoreCase("ClientMinKeyBitLength") || name.equalsIgnoreCase("ServerMinKeyBitLength");
        if (!known) {
            return null;
        }
        Long n = longOf(v.get("value"));
        if (n == null) {
            return BAD;
        }
        if (name.equalsIgnoreCase("Enabled")) {
            // 1 and 0xFFFFFFFF are the documented "on"; anything else is not what Windows writes.
            return n == 0 ? "switched off" : n == 1 || n == 0xFFFFFFFFL ? null : "an Enabled value the documentation does not give";
        }
        if (name.equalsIgnoreCase("DisabledByDefault")) {
            // Windows itself keeps SSL 2.0 off for clients this way.
            return n == 0 || key.equalsIgnoreCase("SSL 2.0\\Client") ? null : "off unless asked for";
        }
        return "a minimum key size";
    }

    /** The suites of a suite list value: REG_MULTI_SZ as a list, or one comma-separated string. */
    private static List<String> suites(Object value) {
        if (value instanceof List<?> list && list.stream().allMatch(o -> o instanceof String)) {
            return list.stream().map(o -> ((String) o).trim()).filter(t -> !t.isEmpty()).toList();
        }
        if (value instanceof String text) {
            return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        }
        return null;
    }

    private void listener(Items items) {
        items.get("rdp-listener").ifPresent(item -> {
            if (!(item.result() instanceof List<?> list)) {
                unusable(item, "host.listenerState", "expected a list of listening sockets");
                return;
            }
            boolean termService = false;
            Set<String> others = new TreeSet<>();
            for (Object o : list) {
                if (o instanceof Map<?, ?> socket) {
                    Object services = socket.get("services");
                    boolean byTermService = services instanceof Collection<?> c && c.stream().anyMatch(s -> "TermService".equalsIgnoreCase(String.valueOf(s)));
                    termService |= byTermService;
                    if (!byTermService) {
                        others.add(String.valueOf(socket.get("processName")));
                    }
                }
            }
            String port = item.queried("port").orElse(String.valueOf(item.query().get("port")));
            String source = "listening sockets on port " + port + ": " + (list.isEmpty() ? "none"
                    : (termService ? "TermService" : "") + (others.isEmpty() ? "" : (termService ? ", " : "") + String.join(", ", others)))
                    + ", " + read(item);
            put("host.listenerState", termService ? "listening" : "not-listening", item, source);
            put("host.listenerPortOwner", termService ? "termservice" : list.isEmpty() ? "none" : "other-process", item, source);
        });
    }

    private void certificate(Items items, String collectedAt) {
        items.get("rdp-certificate").ifPresent(item -> {
            if (item.failed()) {
                if (item.error().notPresent()) {
                    put("host.certificateState", "missing", item, "no certificate in " + item.queried("store").orElse("the store")
                            + (item.queried("thumbprint").map(t -> " with thumbprint " + t).orElse("")) + ", " + read(item));
                } else {
                    unusable(item, "host.certificateState", null);
                }
                return;
            }
            String subject = field(item, "subject");
            String issuer = field(item, "issuer");
            String notAfter = field(item, "notAfter");
            Object key = item.result() instanceof Map<?, ?> m ? m.get("hasPrivateKey") : null;
            String source = "certificate " + field(item, "thumbprint") + " (" + subject + ", issued by " + issuer + ", valid until "
                    + notAfter + (Boolean.FALSE.equals(key) ? ", no private key" : "") + "), " + read(item);
            if (subject != null && issuer != null) {
                put("host.certificateKind", subject.equals(issuer) ? "self-signed" : "ca-issued", item, source);
            }
            Instant end = instant(notAfter);
            Instant at = instant(collectedAt);
            if (Boolean.FALSE.equals(key)) {
                put("host.certificateState", "corrupt", item, source);
            } else if (end != null && at != null) {
                put("host.certificateState", end.isBefore(at) ? "expired" : "valid", item, source);
            } else {
                unusable(item, "host.certificateState", "expected 'notAfter' as an ISO 8601 time and 'hasPrivateKey'");
            }
        });
    }

    private void keyAccess(Items items) {
        items.get("rdp-certificate-key-acl").ifPresent(item -> {
            if (!(item.result() instanceof Map<?, ?> m) || !(m.get("access") instanceof List<?> access)) {
                unusable(item, "host.networkServiceMachineKeysAccess", "expected a result with an 'access' list");
                return;
            }
            boolean allowed = false;
            boolean denied = false;
            for (Object o : access) {
                if (o instanceof Map<?, ?> ace && networkService(String.valueOf(ace.get("identity")))) {
                    String rights = String.valueOf(ace.get("rights"));
                    boolean reads = rights.contains("Read") || rights.contains("FullControl") || rights.contains("Modify");
                    if (reads && "Deny".equalsIgnoreCase(String.valueOf(ace.get("type")))) {
                        denied = true;
                    } else if (reads) {
                        allowed = true;
                    }
                }
            }
            put("host.networkServiceMachineKeysAccess", allowed && !denied, item, "access to " + item.queried("path").orElse("the key file")
                    + ": NETWORK SERVICE " + (denied ? "denied read" : allowed ? "may read" : "has no entry") + ", " + read(item));
        });
    }

    private static boolean networkService(String identity) {
        String id = identity.toUpperCase(Locale.ROOT);
        return id.contains("NETWORK SERVICE") || id.equals("S-1-5-20");
    }

    private void events(Items items) {
        FactField field = vocabulary.field("host.eventIdsSeen").orElse(null);
        Set<Long> known = new HashSet<>();
        if (field != null) {
            field.allowed().forEach(v -> known.add(((Number) v).longValue()));
        }
        Set<Long> seen = new TreeSet<>();
        List<String> logs = new ArrayList<>();
        CollectedItem last = null;
        for (String id : List.of("system-events", "rdp-admin-events")) {
            Optional<CollectedItem> found = items.get(id);
            if (found.isEmpty()) {
                continue;
            }
            CollectedItem item = found.get();
            if (!(item.result() instanceof List<?> list)) {
                unusable(item, "host.eventIdsSeen", "expected a list of events");
                continue;
            }
            last = item;
            for (Object o : list) {
                Long eventId = o instanceof Map<?, ?> e ? longOf(e.get("id")) : null;
                if (eventId != null && known.contains(eventId)) {
                    seen.add(eventId);
                }
            }
            logs.add(item.queried("log").orElse(id) + " (" + list.size() + (list.size() == 1 ? " event)" : " events)"));
        }
        if (last != null) {
            String source = "events searched in " + String.join(" and ", logs) + ", " + read(last);
            put("host.eventIdsSeen", List.copyOf(seen), last, source);
            put("host.eventLogSearched", true, last, source);
        }
        items.get("system-events").filter(item -> item.result() instanceof List<?>).ifPresent(this::alertCodes);
    }

    private static final java.util.regex.Pattern ALERT_SENTENCE = java.util.regex.Pattern.compile("(?i)fatal (?:alert|error) code is (\\d+)");

    /** The TLS alert codes of the 36888 events: the event's first value, or the number its message gives. */
    private void alertCodes(CollectedItem item) {
        String path = "host.schannelAlertCodes";
        Set<Long> allowed = new HashSet<>();
        vocabulary.field(path).ifPresent(f -> f.allowed().forEach(v -> allowed.add(((Number) v).longValue())));
        Set<Long> codes = new TreeSet<>();
        int events = 0;
        for (Object o : (List<?>) item.result()) {
            if (!(o instanceof Map<?, ?> e) || !Long.valueOf(36888).equals(longOf(e.get("id")))) {
                continue;
            }
            events++;
            Long code = e.get("data") instanceof List<?> data && !data.isEmpty() ? longOf(data.get(0)) : null;
            if (code == null && e.get("message") instanceof String message) {
                java.util.regex.Matcher m = ALERT_SENTENCE.matcher(message);
                code = m.find() ? Long.valueOf(m.group(1)) : null;
            }
            if (code == null) {
                skip(item, "a 36888 event of " + e.get("time") + " carries no alert code (neither 'data' nor a message that gives it); "
                        + path + " stays unknown");
                return;
            }
            if (!allowed.contains(code)) {
                skip(item, "a 36888 event of " + e.get("time") + " gives alert code " + code + ", which is no TLS alert; it is left out of " + path);
                continue;
            }
            codes.add(code);
        }
        put(path, List.copyOf(codes), item, events == 0 ? "no event 36888 in the System log, " + read(item)
                : "alert codes of " + events + (events == 1 ? " event" : " events") + " 36888 in the System log: "
                + (codes.isEmpty() ? "none readable" : codes.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")))
                + ", " + read(item));
    }

    private void firewall(Items items) {
        items.get("firewall-rdp-rules").ifPresent(item -> {
            if (!(item.result() instanceof List<?> rules)) {
                unusable(item, "network.firewallRuleEnabled", "expected a list of rules");
                return;
            }
            long port = values.get("host.listenerPort") instanceof Number n ? n.longValue() : 3389;
            long allowing = rules.stream().filter(o -> o instanceof Map<?, ?> r && truthy(r.get("enabled"))
                    && "Inbound".equalsIgnoreCase(String.valueOf(r.get("direction"))) && "Allow".equalsIgnoreCase(String.valueOf(r.get("action")))
                    && opensPort(r, port)).count();
            put("network.firewallRuleEnabled", allowing > 0, item, "Remote Desktop firewall rules: " + allowing + " of " + rules.size()
                    + " enabled inbound allow rules, " + read(item));
        });
        items.get("firewall-profiles").ifPresent(item -> {
            if (!(item.result() instanceof List<?> profiles)) {
                unusable(item, "network.firewallBlocksAllInbound", "expected a list of profiles");
                return;
            }
            List<String> blocking = new ArrayList<>();
            for (Object o : profiles) {
                if (o instanceof Map<?, ?> p && truthy(p.get("enabled")) && falsy(p.get("allowInboundRules"))) {
                    blocking.add(String.valueOf(p.get("name")));
                }
            }
            put("network.firewallBlocksAllInbound", !blocking.isEmpty(), item, blocking.isEmpty()
                    ? "no enabled firewall profile refuses allowed inbound rules, " + read(item)
                    : "firewall profile " + String.join(", ", blocking) + " refuses every inbound connection (AllowInboundRules False), " + read(item));
        });
    }

    /**
     * Whether an allowing rule of the Remote Desktop group opens the listener's TCP port: the group
     * also holds the UDP rule and the shadowing rule, which open something else. Evidence without
     * the port filter is read by the rule's name.
     */
    private static boolean opensPort(Map<?, ?> rule, long port) {
        if (rule.get("localPort") instanceof String ports && rule.get("protocol") instanceof String protocol) {
            return "TCP".equalsIgnoreCase(protocol) && java.util.Arrays.stream(ports.split(",")).map(String::trim)
                    .anyMatch(p -> p.equals(String.valueOf(port)));
        }
        String name = String.valueOf(rule.get("name"));
        return name.contains("TCP") && !name.contains("Shadow");
    }

    private void join(Items items) {
        items.get("join-state").ifPresent(item -> {
            if (!(item.result() instanceof Map<?, ?> m)) {
                unusable(item, "host.joinType", "expected a result with 'PartOfDomain' and 'AzureAdJoined'");
                return;
            }
            Boolean domain = m.get("DomainJoined") != null ? yes(m.get("DomainJoined")) : m.get("PartOfDomain") instanceof Boolean b ? b : null;
            Boolean entra = yes(m.get("AzureAdJoined"));
            if (domain == null || entra == null) {
                unusable(item, "host.joinType", "expected 'PartOfDomain' (or 'DomainJoined') and 'AzureAdJoined'");
                return;
            }
            String type = domain && entra ? "hybrid" : entra ? "entra" : domain ? "ad-domain" : "workgroup";
            put("host.joinType", type, item, "domain joined " + domain + ", Entra joined " + entra + ", " + read(item));
        });
    }

    // ---------------------------------------------------------------------------------- client

    private void client(Items items) {
        os(items, "client");
        items.get("mstsc-version").ifPresent(item -> {
            String version = field(item, "productVersion");
            if (version == null) {
                unusable(item, "client.applicationVersion", "expected a result with 'productVersion'");
                return;
            }
            String source = "mstsc.exe version " + version + ", " + read(item);
            put("client.application", "mstsc", item, source);
            put("client.applicationVersion", version, item, source);
        });
        encryptionOracle(items, "client");
        Optional<Registry> restrict = items.registry("delegation-policy");
        Optional<Registry> mode = items.registry("delegation-policy-type");
        restrict.ifPresent(r -> {
            long on = r.notPresent() ? 0 : r.dword().orElse(-1L);
            if (on == 0) {
                put("client.delegationPolicy", "not-configured", r.item, r.notPresent() ? r.describeAbsent() : r.describe());
            } else if (on == 1 && mode.flatMap(Registry::dword).isPresent()) {
                long type = mode.get().dword().get();
                String word = type == 1 ? "require-restricted-admin" : type == 2 ? "require-remote-credential-guard"
                        : type == 3 ? "prefer-remote-credential-guard" : null;
                if (word == null) {
                    mode.get().unusable("client.delegationPolicy");
                } else {
                    put("client.delegationPolicy", word, mode.get().item, r.describe() + "; " + mode.get().describe());
                }
            } else {
                r.unusable("client.delegationPolicy");
            }
        });
        items.registry("client-udp-policy").ifPresent(r -> {
            if (r.notPresent()) {
                put("client.udpDisabled", false, r.item, r.describeAbsent() + " (UDP is allowed by default)");
            } else {
                r.dword().ifPresentOrElse(v -> put("client.udpDisabled", v == 1, r.item, r.describe()), () -> r.unusable("client.udpDisabled"));
            }
        });
        items.registry("server-authentication-policy").ifPresent(r -> {
            // Not set by policy: the .rdp file may still require it, so the fact stays unknown.
            r.dword().ifPresent(v -> put("client.requiresServerAuthentication", v == 1, r.item, r.describe()));
        });
        // A cached ticket-granting ticket is not a ticket for the host (connecting by address, say),
        // and none cached is no proof that none can be had: the question is asked instead.
        items.get("kerberos-tickets");
        clientJoin(items);
        vpn(items);
        items.get("host-port").ifPresent(item -> {
            Object ok = item.result() instanceof Map<?, ?> m ? m.get("tcpTestSucceeded") : null;
            if (ok instanceof Boolean b) {
                put("network.portReachable", b, item, "Test-NetConnection to " + item.queried("host").orElse("the host") + " port "
                        + item.query().get("port") + (b ? " succeeded" : " failed") + ", " + read(item));
            } else {
                unusable(item, "network.portReachable", "expected 'tcpTestSucceeded' true or false");
            }
        });
        items.get("host-ping").ifPresent(item -> {
            Long sent = item.result() instanceof Map<?, ?> m ? longOf(m.get("sent")) : null;
            Long received = item.result() instanceof Map<?, ?> m ? longOf(m.get("received")) : null;
            if (sent == null || received == null || sent == 0 || received > sent) {
                unusable(item, "network.packetLossPct", "expected 'sent' and 'received' counts");
                return;
            }
            String source = "ping " + item.queried("host").orElse("the host") + ": " + received + " of " + sent + " answered";
            if (received == 0) {
                skip(item, "no echo reply at all: the host or the path drops pings, so loss and latency were not measured");
                return;
            }
            Object average = ((Map<?, ?>) item.result()).get("averageMs");
            if (received > 0 && average instanceof Number ms) {
                put("network.latencyMs", Math.round(ms.doubleValue()), item, source + ", " + ms + " ms on average, " + read(item));
            }
            put("network.packetLossPct", 100.0 * (sent - received) / sent, item, source + ", " + read(item));
        });
        items.get("host-ping-large-df").ifPresent(item -> {
            Long sent = item.result() instanceof Map<?, ?> m ? longOf(m.get("sent")) : null;
            Long received = item.result() instanceof Map<?, ?> m ? longOf(m.get("received")) : null;
            if (sent == null || received == null || sent == 0) {
                unusable(item, "network.largePacketsFail", "expected 'sent' and 'received' counts");
                return;
            }
            boolean df = truthy(item.query().get("dontFragment"));
            Optional<CollectedItem> small = items.get("host-ping");
            Long smallReceived = small.map(p -> p.result() instanceof Map<?, ?> m ? longOf(m.get("received")) : null).orElse(null);
            if (received == 0 && (smallReceived == null || smallReceived == 0)) {
                skip(item, "large pings were lost, but no ordinary ping was answered either: the test cannot tell an MTU black hole"
                        + " from a host that drops pings; network.largePacketsFail stays unknown");
                return;
            }
            String source = "ping of " + item.query().get("size") + " bytes" + (df ? " with don't fragment" : "") + ": " + received
                    + " of " + sent + " answered, " + read(item);
            put("network.largePacketsFail", received == 0, item, source);
            put("network.largePacketsTestedWithDf", df, item, source);
        });
        items.reportUnread();
    }

    /** The client's join state from the join lines of {@code dsregcmd /status}. */
    private void clientJoin(Items items) {
        items.get("join-state").ifPresent(item -> {
            String out = field(item, "output");
            Map<String, Boolean> joined = new LinkedHashMap<>();
            for (String line : out == null ? new String[0] : out.split("\\R")) {
                String[] parts = line.split(":", 2);
                Boolean yes = parts.length == 2 ? yes(parts[1]) : null;
                if (yes != null) {
                    joined.put(parts[0].trim(), yes);
                }
            }
            if (!joined.containsKey("AzureAdJoined") || !joined.containsKey("DomainJoined")) {
                unusable(item, "client.joinType", "expected the lines AzureAdJoined and DomainJoined of dsregcmd /status");
                return;
            }
            boolean entra = joined.get("AzureAdJoined");
            boolean domain = joined.get("DomainJoined");
            boolean registered = Boolean.TRUE.equals(joined.get("WorkplaceJoined"));
            String type = entra && domain ? "hybrid" : entra ? "entra" : domain ? "ad-domain" : registered ? "entra-registered" : "workgroup";
            put("client.joinType", type, item, "dsregcmd /status: " + String.join(", ", joined.entrySet().stream()
                    .map(e -> e.getKey() + " " + (e.getValue() ? "YES" : "NO")).toList()) + ", " + read(item));
        });
    }

    private void vpn(Items items) {
        items.get("vpn-adapters").ifPresent(item -> {
            if (!(item.result() instanceof List<?> adapters)) {
                unusable(item, "network.vpnInUse", "expected a list of adapters");
                return;
            }
            List<String> up = new ArrayList<>();
            for (Object o : adapters) {
                if (o instanceof Map<?, ?> a && truthy(a.get("vpn")) && "Up".equalsIgnoreCase(String.valueOf(a.get("status")))) {
                    up.add(a.get("name") + " (" + a.get("description") + ")");
                }
            }
            put("network.vpnInUse", !up.isEmpty(), item, (up.isEmpty() ? "no VPN adapter up" : "VPN adapter up: " + String.join(", ", up))
                    + ", " + read(item));
            String protocol = null;
            for (String a : up) {
                String lower = a.toLowerCase(Locale.ROOT);
                protocol = lower.contains("wireguard") ? "wireguard" : protocol;
            }
            if (protocol != null) {
                put("network.vpnProtocol", protocol, item, "VPN adapter up: " + String.join(", ", up) + ", " + read(item));
            }
        });
        items.get("vpn-connections").ifPresent(item -> {
            if (!(item.result() instanceof List<?> connections)) {
                unusable(item, "network.vpnProtocol", "expected a list of VPN connections");
                return;
            }
            for (Object o : connections) {
                if (o instanceof Map<?, ?> c && "Connected".equalsIgnoreCase(String.valueOf(c.get("connectionStatus")))) {
                    String tunnel = String.valueOf(c.get("tunnelType"));
                    String word = switch (tunnel.toLowerCase(Locale.ROOT)) {
                        case "sstp" -> "sstp";
                        case "ikev2" -> "ikev2";
                        case "l2tp" -> "l2tp";
                        case "pptp" -> "other";
                        default -> null;
                    };
                    if (word != null && !values.containsKey("network.vpnProtocol")) {
                        put("network.vpnProtocol", word, item, "VPN connection " + c.get("name") + " connected over " + tunnel + ", " + read(item));
                    }
                }
            }
        });
    }

    // --------------------------------------------------------------------------------- helpers

    private void put(String path, Object value, CollectedItem item, String source) {
        Object typed = value instanceof Integer i ? (Object) i.longValue() : value;
        String refused = refusal(path, typed);
        if (refused != null) {
            skip(item, "item '" + item.id() + "': " + path + " stays unknown: " + refused);
            return;
        }
        values.put(path, typed);
        sources.put(path, source.length() > 500 ? source.substring(0, 497) + "..." : source);
    }

    /** Why the vocabulary refuses {@code value} at {@code path} (type, closed set, range, length), or null. */
    private String refusal(String path, Object value) {
        FactField field = vocabulary.field(path).orElse(null);
        if (field == null) {
            return "this knowledge base has no observation " + path;
        }
        try {
            Observations.of(vocabulary, Map.of(path, value));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        List<?> checked = value instanceof List<?> list ? list : List.of(value);
        for (Object v : checked) {
            if (!field.allowed().isEmpty() && field.allowed().stream().noneMatch(a -> same(a, v))) {
                return v + " is not one of " + field.allowed();
            }
            if (v instanceof Number n && (field.minimum() != null && n.doubleValue() < field.minimum()
                    || field.maximum() != null && n.doubleValue() > field.maximum())) {
                return v + " is outside " + plain(field.minimum()) + ".." + plain(field.maximum());
            }
            if (v instanceof String t && field.maxLength() != null && t.length() > field.maxLength()) {
                return "the text is longer than " + field.maxLength() + " characters";
            }
        }
        return null;
    }

    private static String plain(Double bound) {
        return bound == null ? "" : bound == Math.rint(bound) ? String.valueOf(bound.longValue()) : String.valueOf(bound);
    }

    private static boolean same(Object allowed, Object value) {
        return allowed instanceof Number a && value instanceof Number v ? a.doubleValue() == v.doubleValue() : allowed.equals(value);
    }

    private void unusable(CollectedItem item, String path, String expected) {
        if (item.failed()) {
            skip(item, "item '" + item.id() + "' recorded " + item.error().kind()
                    + (item.error().message() == null ? "" : " (" + item.error().message() + ")") + "; " + path + " stays unknown");
        } else {
            skip(item, "item '" + item.id() + "' cannot be read: " + (expected == null ? "unexpected result" : expected) + "; "
                    + path + " stays unknown");
        }
    }

    private void skip(CollectedItem item, String message) {
        skipped.add(new FactsProblem(item.file(), item.line(), item.column(), message, null));
    }

    private static String read(CollectedItem item) {
        return "read " + (item.readAt() == null ? "at an unrecorded time" : item.readAt());
    }

    private static String field(CollectedItem item, String key) {
        return item.result() instanceof Map<?, ?> m && m.get(key) != null ? String.valueOf(m.get(key)) : null;
    }

    private static Optional<Long> number(CollectedItem item, String key) {
        return Optional.ofNullable(item.result() instanceof Map<?, ?> m ? longOf(m.get(key)) : null);
    }

    private static Long longOf(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        if (o instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean truthy(Object o) {
        return Boolean.TRUE.equals(o) || "True".equalsIgnoreCase(String.valueOf(o));
    }

    private static boolean falsy(Object o) {
        return Boolean.FALSE.equals(o) || "False".equalsIgnoreCase(String.valueOf(o));
    }

    private static Boolean yes(Object o) {
        if (o instanceof Boolean b) {
            return b;
        }
        String s = o == null ? "" : String.valueOf(o).trim();
        return s.equalsIgnoreCase("YES") ? Boolean.TRUE : s.equalsIgnoreCase("NO") ? Boolean.FALSE : null;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** A registry item with its value, as the table reads it. */
    private final class Registry {
        final CollectedItem item;

        Registry(CollectedItem item) {
            this.item = item;
        }

        boolean notPresent() {
            return item.failed() && item.error().notPresent();
        }

        boolean failed() {
            return item.failed();
        }

        Object value() {
            return item.result() instanceof Map<?, ?> m ? m.get("value") : null;
        }

        Optional<Long> dword() {
            return failed() ? Optional.empty() : Optional.ofNullable(longOf(value()));
        }

        String describe() {
            return "registry " + item.queried("path").orElse("?") + " " + item.queried("name").orElse("?") + " = " + value() + ", " + read(item);
        }

        String describeAbsent() {
            return "registry " + item.queried("path").orElse("?") + " " + item.queried("name").orElse("?") + " not present, " + read(item);
        }

        void unusable(String path) {
            Importer.this.unusable(item, path, "expected a " + ("REG_DWORD") + " value");
        }
    }

    /** The items of one file by id; what no derivation consulted is reported as not read. */
    private final class Items {
        final EvidenceFile file;
        final Map<String, CollectedItem> byId = new LinkedHashMap<>();
        final Set<String> consulted = new LinkedHashSet<>();

        Items(EvidenceFile file) {
            this.file = file;
            for (CollectedItem item : file.items()) {
                if (byId.putIfAbsent(item.id(), item) != null) {
                    skip(item, "item '" + item.id() + "' appears a second time; the first one is used");
                }
            }
        }

        Optional<CollectedItem> get(String id) {
            consulted.add(id);
            return Optional.ofNullable(byId.get(id));
        }

        Optional<Registry> registry(String id) {
            return get(id).map(Registry::new);
        }

        void reportUnread() {
            for (CollectedItem item : byId.values()) {
                if (!consulted.contains(item.id())) {
                    skip(item, "item '" + item.id() + "' (" + item.kind() + ") is not one this rdpdiag reads on the " + file.side().word()
                            + " side");
                }
            }
        }
    }
}
