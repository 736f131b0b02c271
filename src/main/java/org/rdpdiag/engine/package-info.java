/**
 * Running the knowledge base over one set of facts: the facts rules conclude ({@link
 * org.rdpdiag.engine.Evidence}, {@link org.rdpdiag.engine.Advice}), the session, the capture of
 * which rule fired on which observed values, and the assessment of every cause from that record.
 */
package org.rdpdiag.engine;
