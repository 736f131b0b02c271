package org.rdpdiag.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.timing.Phases;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code rdpdiag}. */
@Command(name = "rdpdiag", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Diagnoses the Remote Desktop failure \"error code 0x904, extended error code 0x7\" "
                + "from observed facts, with explained causes and an ordered, reversible remediation plan.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:findings-level failure (where a command defines one)",
                "2:bad usage or bad input", "3:internal error"})
public final class Main {
    /**
     * The subcommands, in the order help lists them. Building a command's model costs picocli
     * reflection over its options, so a run that names one builds that one alone (see
     * {@link #commandLine}).
     */
    private static final java.util.Map<String, Class<?>> COMMANDS = commands();

    private static java.util.Map<String, Class<?>> commands() {
        java.util.Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        m.put("diagnose", DiagnoseCommand.class);
        m.put("batch", BatchCommand.class);
        m.put("ask", AskCommand.class);
        m.put("import", ImportCommand.class);
        m.put("serve", ServeCommand.class);
        m.put("rules", RulesCommand.class);
        m.put("completion", CompletionCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    private final InputStream in;

    Main(InputStream in) {
        this.in = in;
    }

    /** Where interactive commands read their answers. */
    InputStream in() {
        return in;
    }

    public static void main(String[] args) {
        long mainNanos = System.nanoTime();
        if (args.length > 0 && (args[0].equals("diagnose") || args[0].equals("ask"))
                && java.util.Arrays.stream(args).noneMatch(a -> a.equals("--rules") || a.startsWith("--rules=")
                        || a.equals("--no-cache"))) {
            KnowledgeOptions.prefetchBundled();
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int exit = run(out, err, args);
        if (Phases.enabled()) {
            PhaseReport.print(err, mainNanos);
        }
        System.exit(exit);
    }

    /** Runs a command line and returns its exit code; tests call this without spawning a JVM. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.in, out, err, args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)}, with the answers read from {@code in}. */
    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        long phase = Phases.start();
        CommandLine cl = commandLine(new Main(in), args);
        cl.setExecutionStrategy(parsed -> {
            Phases.end("command line parsed (picocli)", phase);
            return new CommandLine.RunLast().execute(parsed);
        });
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

    /**
     * The command line with the subcommand {@code args} name, or with all of them when they name
     * none of them (help, a mistyped name, the top-level options): then help and the suggestions
     * for a mistyped name see every command.
     */
    static CommandLine commandLine(Main main, String... args) {
        CommandLine cl = new CommandLine(main);
        Class<?> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        // Help and the completion script describe every command.
        if (named != null && named != CommandLine.HelpCommand.class && named != CompletionCommand.class) {
            cl.addSubcommand(args[0], named);
        } else {
            COMMANDS.forEach(cl::addSubcommand);
        }
        return cl;
    }

    /** The version and the fingerprint of the bundled knowledge base, which names the rules a report came from. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rdpdiag " + KnowledgeBaseLoader.version(),
                    "knowledge base " + KnowledgeBaseLoader.bundledFingerprint(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
