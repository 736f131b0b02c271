/**
 * The knowledge base: loading the catalogue of causes, fixes, checks and codes from YAML,
 * compiling the DRL rules (with a cache keyed by their content), and indexing what each rule
 * concludes and which observations it reads.
 */
package org.rdpdiag.knowledge;
