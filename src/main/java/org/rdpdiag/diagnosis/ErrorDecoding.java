package org.rdpdiag.diagnosis;

import java.util.List;
import org.rdpdiag.knowledge.SeedClaim;

/**
 * The error code pair decoded.
 *
 * @param main     the main code, or null when the facts do not say
 * @param extended the extended code, or null when the facts do not say
 * @param targeted true when the pair is 0x904/0x7, the failure this knowledge base is about
 * @param notes    what the pair means for the diagnosis, in reading order
 * @param seedClaims what the source documents say about these codes, with the verdict
 */
public record ErrorDecoding(CodeInfo main, CodeInfo extended, boolean targeted, List<String> notes,
        List<SeedClaim> seedClaims) {}
