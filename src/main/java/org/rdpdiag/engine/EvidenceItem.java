package org.rdpdiag.engine;

import java.util.List;

/** One piece of evidence about a cause: the rule, its weight and the observations behind it. */
public record EvidenceItem(String rule, String file, Weight weight, List<FactValue> facts, String explanation) {}
