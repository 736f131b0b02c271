package org.rdpdiag.facts;

import java.util.List;

/** The computer being connected to. */
public record Host(
        String os,
        Integer osBuild,
        Boolean recentMajorUpdate,
        Boolean azureVm,
        Boolean rdsSessionHost,
        Boolean settingsChangeable,
        Boolean remoteDesktopEnabled,
        String remoteDesktopPolicy,
        String listenerState,
        Integer listenerPort,
        String listenerPortOwner,
        String termServiceState,
        Boolean setupInProgress,
        Boolean nlaRequired,
        String securityLayer,
        Integer minEncryptionLevel,
        Boolean fipsEnabled,
        Boolean tls12ServerEnabled,
        Boolean customCipherSuiteOrder,
        Boolean credsspPatched,
        Integer allowEncryptionOracle,
        Boolean secureChannelOk,
        Boolean restrictedAdminEnabled,
        String certificateKind,
        String certificateState,
        Boolean certificateRecreatedAfterDelete,
        List<Integer> eventIdsSeen,
        Boolean networkServiceMachineKeysAccess,
        Boolean licenseServerConfigured,
        Integer licensingGraceDaysLeft,
        Integer connectionLimit,
        Integer activeSessions) {

    public static final Host UNKNOWN = new Host(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null, null);

    public Host {
        eventIdsSeen = eventIdsSeen == null ? null : List.copyOf(eventIdsSeen);
    }
}
