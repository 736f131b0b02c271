package org.rdpdiag.diagnosis;

/**
 * One error code as reported and as documented.
 *
 * @param known whether the code is in the knowledge base's code table
 */
public record CodeInfo(int value, String hex, String name, String meaning, String note, boolean known) {}
