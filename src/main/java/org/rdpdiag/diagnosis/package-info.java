/**
 * The diagnose use case: one host's facts in; the decoded error, the ranked and explained
 * causes and the ordered plan out. The CLI, the interview and batch work all go through here.
 *
 * <p>Layer above {@code plan}: the use cases above it ({@code interview}, {@code batch}, {@code
 * authoring}) reach the engine and the plan through here or through the models they return.
 */
package org.rdpdiag.diagnosis;
