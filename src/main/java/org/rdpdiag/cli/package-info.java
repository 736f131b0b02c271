/**
 * The command line: parses arguments, calls one service, prints. Knows nothing of Drools; every
 * failure becomes a located message and an exit code (0 ok, 1 findings where a command defines
 * them, 2 bad usage or input, 3 internal error).
 */
package org.rdpdiag.cli;
