package org.rdpdiag.knowledge;

/**
 * One documented disconnect reason.
 *
 * @param kind {@code main} (the dialog's "Error code") or {@code extended}
 * @param note what the code means for this diagnosis, when it says more than the meaning
 */
public record ErrorCode(String kind, int value, String name, String meaning, String note) implements java.io.Serializable {
    public String hex() {
        return "0x" + Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT);
    }
}
