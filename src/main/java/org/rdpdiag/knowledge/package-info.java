/**
 * The knowledge base: loading the catalogue of causes, fixes, checks and codes from YAML,
 * compiling the DRL rules (with a cache keyed by their content), and indexing what each rule
 * concludes and which observations it reads.
 *
 * <p>Layer above {@code facts}. It also owns the DRL conventions that loading checks and running
 * relies on ({@link org.rdpdiag.knowledge.RuleMetadata}, {@link org.rdpdiag.knowledge.Weight}),
 * so that checking a rules folder needs nothing from the engine.
 */
package org.rdpdiag.knowledge;
