/**
 * Renderers of a {@link org.rdpdiag.diagnosis.Diagnosis}: plain text for people, Markdown for
 * tickets, and JSON as a stable machine contract (documented in {@code docs/json-report.md}).
 * {@link org.rdpdiag.report.CatalogDocument} renders the knowledge catalogue itself for reviewers,
 * as Markdown or one self-contained HTML page. Renderers only format; they decide nothing.
 */
package org.rdpdiag.report;
