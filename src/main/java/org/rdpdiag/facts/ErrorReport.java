package org.rdpdiag.facts;

/**
 * The error as the user saw it.
 *
 * @param mainCode     the "Error code" of the dialog, as a number (0x904 is 2308)
 * @param extendedCode the "Extended error code" of the dialog (0x7 is 7)
 * @param timing       when the error appears: {@code immediately}, {@code after-credentials}
 *                     or {@code in-session}
 * @param dialogText   the dialog's text as the user read it, if known
 * @param droppedAfterSeconds for a session that drops, the seconds between the desktop appearing
 *                     and the drop, if known
 * @param dialogMessage the documented message the dialog carries, by its id in the knowledge
 *                     base's dialogs ({@code credssp-encryption-oracle}), if known or recognised
 */
public record ErrorReport(Integer mainCode, Integer extendedCode, String timing, String dialogText,
        Integer droppedAfterSeconds, String dialogMessage) {
    public static final ErrorReport UNKNOWN = new ErrorReport(null, null, null, null, null, null);
}
