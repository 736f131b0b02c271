/**
 * Running the knowledge base over one set of facts: the facts rules conclude ({@link
 * org.rdpdiag.engine.Evidence}, {@link org.rdpdiag.engine.Advice}), the session, the capture of
 * which rule fired on which observed values, and the assessment of every cause from that record.
 *
 * <p>Layer above {@code knowledge}: the only package besides {@code knowledge} that touches
 * Drools.
 */
package org.rdpdiag.engine;
