/**
 * Ordering the remediation plan: checks that decide the most valuable unknown observations,
 * then fixes for confirmed and likely causes from least to most invasive, risky fixes after the
 * safer ones for the same cause and each followed by its rollback, then escalation and prevention.
 *
 * <p>Layer above {@code engine}.
 */
package org.rdpdiag.plan;
