package org.rdpdiag.knowledge;

import java.util.List;
import java.util.Map;

/**
 * What one rule concludes and which observations it reads, taken from its metadata and its
 * compiled conditions.
 *
 * @param cause  the cause it speaks about, or null
 * @param weight the weight word ({@code confirms}, {@code rules-out}...), or null
 * @param step   the plan step it asks for, or null
 * @param line   the line of its {@code rule} keyword in {@code file}, or 0 when unknown
 * @param reads  fact paths its conditions mention, in order of first mention
 * @param literals per fact path, the numbers and words its conditions compare that fact with
 *                 ({@code packetLossPct > 5} gives 5); the interview probes answers around them
 */
public record RuleInfo(String name, String file, int line, String cause, String weight, String step, List<String> reads,
        Map<String, String> metadata, Map<String, java.util.Set<Object>> literals) implements java.io.Serializable {}
