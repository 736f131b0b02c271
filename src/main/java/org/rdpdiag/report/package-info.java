/**
 * Renderers of a {@link org.rdpdiag.diagnosis.Diagnosis}: plain text for people, Markdown for
 * tickets, and JSON as a stable machine contract (documented in {@code docs/json-report.md});
 * the HTML fleet report of a batch run, rendered in pieces that the caller streams; and
 * {@link org.rdpdiag.report.CatalogDocument}, the knowledge catalogue itself for reviewers, as
 * Markdown or one self-contained HTML page. Renderers only format; they decide nothing.
 */
package org.rdpdiag.report;
