package org.rdpdiag.engine;

import java.util.List;

/** One rule firing: which rule, from which file, on which observed values. */
public record Firing(int order, String rule, String file, List<FactValue> facts) {}
