/**
 * Re-runnable measurements behind the figures in {@code docs/performance.md}, and the training
 * run of the class-data archive. None of this ships in the product jar: it is built into
 * {@code rdpdiag-bench.jar}, which runs against {@code rdpdiag.jar} and uses only the product's
 * public API. Benchmarks time whole processes where start-up is what users feel, so the numbers
 * match what they see; the batch benchmark times throughput in one process, on a deterministic
 * synthetic fleet.
 */
package org.rdpdiag.bench;
