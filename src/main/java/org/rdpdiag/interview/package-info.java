/**
 * The interview: asks for one observation at a time, always the one whose answer would most
 * reduce the uncertainty about the open causes per unit of effort, and explains why it asks and
 * how the ranking stands. Knows nothing of terminals: the CLI drives it, and a facts file can
 * answer for a person (replay).
 *
 * <p>Layer above {@code diagnosis}, beside {@code batch}: the two do not know each other.
 */
package org.rdpdiag.interview;
