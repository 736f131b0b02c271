/**
 * The knowledge author's safety net: lints a rules folder beyond what the compiler checks, runs
 * its case library against expectations, measures which rules, causes, fixes and questions the
 * cases exercise, and re-runs all of it when a file changes. Knows nothing of terminals.
 *
 * <p>Layer above {@code interview} (coverage replays interviews) and {@code diagnosis}; its
 * results ({@link org.rdpdiag.authoring.LibraryRun}, {@link
 * org.rdpdiag.authoring.KnowledgeLint}'s problems) are data that {@code report} and {@code cli}
 * show.
 */
package org.rdpdiag.authoring;
