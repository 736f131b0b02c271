package org.rdpdiag.knowledge;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A message that Windows or a Remote Desktop client documents for one situation, with the wording
 * that identifies it. Rules read which message the user saw ({@code error.dialogMessage}), not
 * words of the dialog text: text that mentions CredSSP while it describes another failure is not
 * the encryption-oracle message.
 *
 * @param id        the value of {@code error.dialogMessage} that names it
 * @param meaning   one sentence for the report: what the message says happened
 * @param recognise regular expressions (case-insensitive, matched anywhere in the text), each
 *                  written from the documented wording; one match identifies the message
 */
public record DialogMessage(String id, String title, String meaning, List<String> recognise, List<Source> sources) implements java.io.Serializable {

    public DialogMessage {
        recognise = recognise == null ? List.of() : List.copyOf(recognise);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /**
     * The patterns, compiled as the catalogue matches them.
     *
     * @throws java.util.regex.PatternSyntaxException for a pattern that does not compile (the loader
     *                                                reports such a pattern, located, instead)
     */
    List<Pattern> patterns() {
        return recognise.stream().map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE | Pattern.DOTALL)).toList();
    }
}
