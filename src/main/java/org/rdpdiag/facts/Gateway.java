package org.rdpdiag.facts;

/** The Remote Desktop Gateway, when the connection goes through one. */
public record Gateway(Boolean inPath, Boolean certificateTrusted, Boolean certificateExpired) {
    public static final Gateway UNKNOWN = new Gateway(null, null, null);
}
