package org.rdpdiag.engine;

import java.util.List;

/**
 * What one run of the rules produced.
 *
 * @param causes every catalogued cause, ranked
 * @param advice plan steps that rules asked for, by step id, with the rule that asked
 * @param trace  every firing in order
 */
public record EngineResult(List<CauseAssessment> causes, List<Advice> advice, List<Firing> trace) {}
