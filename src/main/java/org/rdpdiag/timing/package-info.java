/**
 * Where a run spends its time: named spans that the layers above mark around their start-up
 * steps (reading the catalogue, the compiled rules, the facts, the session, the report), kept
 * only when the JVM runs with {@code -Drdpdiag.phases=true}. Otherwise every call returns at once,
 * so the marks cost nothing in an ordinary run. The command line prints what was kept.
 *
 * <p>Lowest layer, beside {@code text}: uses no other package of the project.
 */
package org.rdpdiag.timing;
