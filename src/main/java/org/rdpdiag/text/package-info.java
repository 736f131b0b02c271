/**
 * Showing text that came from the input (facts files, answers, file names, rules folders) on a
 * terminal or in a document without letting it act: {@link org.rdpdiag.text.Inert} turns the
 * characters that steer a terminal or reorder a line into visible escapes. It depends on nothing,
 * so every other package may use it.
 *
 * <p>Lowest layer: uses no other package of the project.
 */
package org.rdpdiag.text;
