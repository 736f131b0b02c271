package org.rdpdiag.engine;

import org.rdpdiag.knowledge.Weight;

/**
 * A rule's verdict on one cause. Inserted logically, so it disappears when the observations
 * behind it change (the interview relies on this).
 */
public record Evidence(String cause, Weight weight, String rule) {}
