/**
 * The diagnose use case: one host's facts in; the decoded error, the ranked and explained
 * causes and the ordered plan out. The CLI, the interview and batch work all go through here.
 */
package org.rdpdiag.diagnosis;
