package org.rdpdiag.engine;

import java.util.List;
import org.rdpdiag.knowledge.Weight;

/** One piece of evidence about a cause: the rule, its weight and the observations behind it. */
public record EvidenceItem(String rule, String file, Weight weight, List<FactValue> facts, String explanation) {}
