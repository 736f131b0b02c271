package org.rdpdiag.strategy;

/** One answer offered for a question: the fact value it records and the words shown for it. */
public record Option(Object value, String label) {}
