package org.rdpdiag.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code rdpdiag}. */
@Command(name = "rdpdiag", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Diagnoses the Remote Desktop failure \"error code 0x904, extended error code 0x7\" "
                + "from observed facts, with explained causes and an ordered, reversible remediation plan.",
        subcommands = {DiagnoseCommand.class, BatchCommand.class, AskCommand.class, ImportCommand.class, ServeCommand.class, RulesCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:findings-level failure (where a command defines one)",
                "2:bad usage or bad input", "3:internal error"})
public final class Main {
    private final InputStream in;

    Main(InputStream in) {
        this.in = in;
    }

    /** Where interactive commands read their answers. */
    InputStream in() {
        return in;
    }

    public static void main(String[] args) {
        int relaunched = Relaunch.maybeRelaunch(args);
        if (relaunched >= 0) {
            System.exit(relaunched);
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /** Runs a command line and returns its exit code; tests call this without spawning a JVM. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.in, out, err, args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)}, with the answers read from {@code in}. */
    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main(in));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler((ex, a) -> {
            // The message quotes the arguments as given, which may hold anything.
            ex.getCommandLine().getErr().println("rdpdiag: " + org.rdpdiag.text.Inert.terminal(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, ex.getCommandLine().getErr());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help' for more information.");
            return ExitCodes.BAD_INPUT;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"rdpdiag " + (v == null ? "development build" : v)};
        }
    }
}
