/**
 * Renderers of a {@link org.rdpdiag.diagnosis.Diagnosis}: plain text for people, Markdown for
 * tickets, and JSON as a stable machine contract (documented in {@code docs/json-report.md});
 * the HTML fleet report of a batch run ({@link org.rdpdiag.report.FleetReport}, the renderer
 * batch is handed), in pieces that batch streams; the text of {@code rules test}; and
 * {@link org.rdpdiag.report.CatalogDocument}, the knowledge catalogue itself for reviewers, as
 * Markdown or one self-contained HTML page. Renderers only format; they decide nothing. Every
 * HTML page goes through {@code HtmlWriter}'s page frame and its one escape function.
 *
 * <p>Layer above the use cases whose models it renders ({@code diagnosis}, {@code batch},
 * {@code authoring}); below {@code cli}. It writes strings and streams it is
 * given, never to a terminal or a file of its own choosing.
 */
package org.rdpdiag.report;
