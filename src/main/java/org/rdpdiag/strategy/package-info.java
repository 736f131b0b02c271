/**
 * What to find out or try next, by the expected cost of repair: the one decision strategy that
 * the plan lists as steps and the interview asks as questions. It owns the troubleshooting
 * model (causes as candidate faults, fixes by chance per minute, observations by the cost they
 * save) and reads the cost model and policies from the knowledge base.
 */
package org.rdpdiag.strategy;
