package org.rdpdiag.knowledge;

/**
 * One documented disconnect reason.
 *
 * @param kind {@code main} (the dialog's "Error code") or {@code extended}
 */
public record ErrorCode(String kind, int value, String name, String meaning) {
    public String hex() {
        return "0x" + Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT);
    }
}
