/**
 * Re-runnable measurements behind the figures in {@code docs/performance.md}. Benchmarks time
 * whole processes where start-up is what users feel, so the numbers match what they see; the
 * batch benchmark times throughput in one process, on a deterministic synthetic fleet.
 */
package org.rdpdiag.bench;
