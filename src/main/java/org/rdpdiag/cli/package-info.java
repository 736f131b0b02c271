/**
 * The command line: parses arguments, calls one service, prints. Knows nothing of Drools; every
 * failure becomes a located message and an exit code (0 ok, 1 findings where a command defines
 * them, 2 bad usage or input, 3 internal error).
 *
 * <p>Top layer: the only package that knows terminals (picocli, JLine, standard streams) and the
 * user's files, and it knows nothing of Drools: it reaches the rules through the services.
 * {@link org.rdpdiag.cli.Precompile}, the build step that compiles the bundled rules, lives
 * here because it prints and exits.
 */
package org.rdpdiag.cli;
