/**
 * The knowledge author's safety net: lints a rules folder beyond what the compiler checks, runs
 * its case library against expectations, measures which rules, causes, fixes and questions the
 * cases exercise, and re-runs all of it when a file changes. Knows nothing of terminals.
 */
package org.rdpdiag.authoring;
