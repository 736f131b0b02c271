/**
 * Diagnosing many hosts in one run: record sources for each input format (a folder of facts
 * files, JSON Lines, multi-document YAML, CSV, standard input), each record with its location;
 * a streaming runner that spreads the work over all cores through bounded queues and writes the
 * results in input order; whole-line outputs that an interrupted run can be resumed from; and
 * progress reported to a listener that knows nothing of terminals.
 *
 * <p>Layer above {@code diagnosis}, beside {@code interview}. It gathers the fleet report's data
 * ({@link org.rdpdiag.batch.FleetSummary}, {@link org.rdpdiag.batch.FleetRenderer.HostSection})
 * but does not know its format: the caller hands it a {@link org.rdpdiag.batch.FleetRenderer}.
 */
package org.rdpdiag.batch;
