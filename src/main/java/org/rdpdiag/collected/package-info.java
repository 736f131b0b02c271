/**
 * Collector evidence and its import: what the read-only collector scripts recorded on a host or a
 * client (every item asked for, with its raw result or error and when it was read), read with the
 * position of every item ({@link org.rdpdiag.collected.EvidenceReader}), and turned into facts with
 * the source of each value ({@link org.rdpdiag.collected.Importer}). An item the importer cannot
 * interpret is reported where it stands and left out: a value is never guessed.
 *
 * <p>Layer above {@code facts}; uses only {@code facts} and {@code text}.
 */
package org.rdpdiag.collected;
