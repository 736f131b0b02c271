/**
 * {@code rdpdiag serve}: the interview, the report and the fleet upload as web pages, and the
 * same services behind a versioned REST API ({@code /api/v1}, described by the OpenAPI document it
 * serves). Built on the JDK's own HTTP server: no dependency, and a warm knowledge base answers
 * every request without a JVM start.
 *
 * <p>Stateless: the interview's answers travel in the page's address (and in the API's request),
 * so the browser's back button, a reload or a second tab never lose them, and nothing is kept on
 * the server between requests. Every response carries the safety headers (a Content-Security-Policy
 * without inline scripts, {@code nosniff}, no CORS); bodies are bounded, reads time out, and
 * consultations run at most a fixed number at a time. Bad input gets a located JSON error, never a
 * stack trace.
 *
 * <p>Layer above {@code report} (it renders through it) and below {@code cli}, whose {@code serve}
 * command only parses options, loads the knowledge base and starts the server. Knows nothing of
 * terminals and never prints.
 */
package org.rdpdiag.web;
