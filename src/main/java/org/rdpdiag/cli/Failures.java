package org.rdpdiag.cli;

import java.io.PrintWriter;
import org.rdpdiag.batch.BatchException;
import org.rdpdiag.engine.EngineException;
import org.rdpdiag.facts.FactsException;
import org.rdpdiag.knowledge.KnowledgeException;
import org.rdpdiag.text.Inert;
import picocli.CommandLine;

/**
 * Turns every failure into a message a person can act on and the matching exit code. Stack
 * traces appear only with {@code RDPDIAG_DEBUG=1}. Messages quote file names and values from the
 * input, so they are printed through {@link Inert} (facts and knowledge problems do so themselves).
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof FactsException fe) {
            fe.problems().forEach(p -> err.println(p));
            return ExitCodes.BAD_INPUT;
        }
        if (ex instanceof KnowledgeException ke) {
            err.println("rdpdiag: the knowledge base has problems:");
            ke.problems().forEach(p -> err.println(p));
            return ExitCodes.BAD_INPUT;
        }
        if (ex instanceof EngineException ee) {
            err.println(Inert.terminal(ee.location() + ": error: " + ee.getMessage()));
            // A fault in the author's own rules is bad input; in the bundled rules it is ours.
            CommandLine.ParseResult leaf = parsed;
            while (leaf.hasSubcommand()) {
                leaf = leaf.subcommand();
            }
            return leaf.hasMatchedOption("--rules") ? ExitCodes.BAD_INPUT : ExitCodes.INTERNAL;
        }
        if (ex instanceof BatchException be) {
            err.println("rdpdiag: " + Inert.terminal(be.getMessage()));
            return ExitCodes.BAD_INPUT;
        }
        if (ex instanceof UsageException ue) {
            err.println("rdpdiag: " + Inert.terminal(ue.getMessage()));
            return ExitCodes.BAD_INPUT;
        }
        err.println("rdpdiag: internal error: " + Inert.terminal(String.valueOf(ex)) + " (set RDPDIAG_DEBUG=1 for details)");
        if ("1".equals(System.getenv("RDPDIAG_DEBUG"))) {
            ex.printStackTrace(err);
        }
        return ExitCodes.INTERNAL;
    }

    /** Bad usage detected after parsing, e.g. a folder that does not exist. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
