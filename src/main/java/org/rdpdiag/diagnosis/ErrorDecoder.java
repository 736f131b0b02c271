package org.rdpdiag.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rdpdiag.facts.ErrorReport;
import org.rdpdiag.knowledge.Catalog;
import org.rdpdiag.knowledge.ErrorCode;
import org.rdpdiag.knowledge.SeedClaim;

/** Decodes the code pair from the catalogue's code table. */
final class ErrorDecoder {
    static final int TARGET_MAIN = 0x904;
    static final int TARGET_EXTENDED = 0x7;

    private final Catalog catalog;

    ErrorDecoder(Catalog catalog) {
        this.catalog = catalog;
    }

    ErrorDecoding decode(ErrorReport error) {
        CodeInfo main = info("main", error.mainCode());
        CodeInfo extended = info("extended", error.extendedCode());
        boolean targeted = main != null && main.value() == TARGET_MAIN && extended != null && extended.value() == TARGET_EXTENDED;
        List<String> notes = new ArrayList<>();
        if (main == null && extended == null) {
            notes.add("The facts do not record the error codes. This knowledge base is built for error code 0x904 "
                    + "with extended code 0x7; the diagnosis assumes that pair.");
        } else if (targeted) {
            notes.add("Read together, the pair says the connection was opened and then refused by the far end: the "
                    + "host (or something in front of it) turned the client away and closed the socket. The causes "
                    + "worth checking are the ones the host evaluates before it accepts a session: the listener and "
                    + "its services, certificate and keys, TLS and CredSSP negotiation, policies and limits, and "
                    + "devices on the path that cut an open connection.");
        } else {
            notes.add("This knowledge base is built for error code 0x904 with extended code 0x7. The reported "
                    + describe(main, "main") + " / " + describe(extended, "extended")
                    + " is a different failure; the causes below are those of 0x904/0x7 and may not apply.");
        }
        for (CodeInfo c : new CodeInfo[] {main, extended}) {
            if (c != null && c.note() != null) {
                notes.add(c.note());
            }
            if (c != null && !c.known()) {
                notes.add("Code " + c.hex() + " (" + c.value() + ") is not in the code table of this knowledge base.");
            }
        }
        if (error.dialogMessage() != null) {
            catalog.dialog(error.dialogMessage()).ifPresent(m -> notes.add("The dialog carries the documented message \""
                    + m.title() + "\"" + (error.dialogText() != null ? ", recognised from its text" : "") + ": "
                    + m.meaning().strip()));
        } else if (error.dialogText() != null) {
            notes.add("The dialog text matches none of the documented messages this knowledge base knows, so no rule "
                    + "reads it; its words alone are not evidence.");
        }
        List<SeedClaim> claims = new ArrayList<>();
        for (SeedClaim claim : catalog.seedClaims()) {
            if (matches(claim.code(), "main", main) || matches(claim.code(), "extended", extended)
                    || (main == null && extended == null && claim.code() != null)) {
                claims.add(claim);
            }
        }
        return new ErrorDecoding(main, extended, targeted, List.copyOf(notes), List.copyOf(claims));
    }

    private CodeInfo info(String kind, Integer value) {
        if (value == null) {
            return null;
        }
        String hex = "0x" + Integer.toHexString(value).toUpperCase(Locale.ROOT);
        return catalog.code(kind, value)
                .map(c -> new CodeInfo(value, hex, c.name(), c.meaning(), c.note(), true))
                .orElse(new CodeInfo(value, hex, null, null, null, false));
    }

    private static boolean matches(String code, String kind, CodeInfo info) {
        return code != null && info != null && code.equals(kind + ":" + info.value());
    }

    private static String describe(CodeInfo c, String kind) {
        if (c == null) {
            return kind + " code (not recorded)";
        }
        return kind + " code " + c.hex() + (c.name() == null ? "" : " " + c.name());
    }
}
