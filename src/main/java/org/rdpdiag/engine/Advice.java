package org.rdpdiag.engine;

/** A rule's request that a plan step (usually prevention or escalation) be included. */
public record Advice(String step, String rule) {}
