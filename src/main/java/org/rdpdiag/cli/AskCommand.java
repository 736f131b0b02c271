package org.rdpdiag.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.rdpdiag.authoring.CaseReader;
import org.rdpdiag.diagnosis.DiagnoseService;
import org.rdpdiag.diagnosis.Diagnosis;
import org.rdpdiag.facts.FactValues;
import org.rdpdiag.facts.FactsReader;
import org.rdpdiag.facts.HostFacts;
import org.rdpdiag.facts.Vocabulary;
import org.rdpdiag.facts.Tried;
import org.rdpdiag.interview.Interview;
import org.rdpdiag.interview.Replay;
import org.rdpdiag.knowledge.KnowledgeBase;
import org.rdpdiag.knowledge.KnowledgeBaseLoader;
import org.rdpdiag.report.ReportModel;
import org.rdpdiag.report.ReportOptions;
import org.rdpdiag.report.TextReport;
import org.rdpdiag.text.Inert;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code rdpdiag ask}: the interview, in a terminal or replayed from a facts file. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Interview: asks only what matters next, one question at a time, and ends with the same report as "
                + "diagnose. At every prompt: a number or value, 'unknown', 'why', 'how', 'back', 'quit', 'help'.",
                "With --answers FILE the questions are answered from a facts file (a fact it lacks is answered "
                        + "'unknown') and the transcript is printed: no terminal needed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:interview finished or stopped with 'quit'", "2:bad usage, bad facts file or bad knowledge base, "
                + "or the answers could not be saved where asked (they are saved elsewhere and the path is printed)",
                "3:internal error"})
final class AskCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--facts", paramLabel = "FILE", description = "Start from these known facts; only what is missing is asked.")
    Path factsFile;

    @Option(names = "--evidence", paramLabel = "FILE", arity = "1..2",
            description = "Start from the facts imported from collector evidence (a host file, a client file or both; "
                    + "see rdpdiag import): only what a machine cannot read is asked.")
    List<Path> evidenceFiles;

    @Option(names = "--answers", paramLabel = "FILE", description = "Answer every question from this facts file (replay).")
    Path answersFile;

    @Option(names = "--save", paramLabel = "FILE", description = "Write the facts gathered (given and answered) as a "
            + "facts file that diagnose accepts. 'quit' saves here too.")
    Path save;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Replay output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; never when NO_COLOR is set).")
    org.rdpdiag.cli.Terminal.ColorMode color;

    @Mixin
    KnowledgeOptions knowledge;

    @Override
    public Integer call() throws IOException {
        // The knowledge base takes longest: it loads while the vocabulary and the facts are read.
        CompletableFuture<KnowledgeBase> kb = knowledge.loadInBackground();
        Vocabulary vocabulary = knowledge.vocabulary();
        if (factsFile != null && evidenceFiles != null) {
            throw new Failures.UsageException("give --facts or --evidence, not both (import the evidence into the facts file first)");
        }
        HostFacts start = factsFile != null ? CaseReader.factsOf(factsFile, vocabulary)
                : evidenceFiles != null ? ImportCommand.importFacts(evidenceFiles, vocabulary, null, spec.commandLine().getErr())
                : HostFacts.unknown(vocabulary, "interview");
        HostFacts answers = answersFile == null ? null : CaseReader.factsOf(answersFile, vocabulary);
        if (answers != null && factsFile == null && evidenceFiles == null) {
            start = HostFacts.unknown(vocabulary, answers.id());
        }
        if (save != null) {
            AnswersFile.checkWritable(save); // before the first question, so no answer is given in vain
        }
        DiagnoseService service = new DiagnoseService(KnowledgeBaseLoader.join(kb));
        // A tried step the knowledge base does not know is a mistake in the file, before any question.
        service.checkTried(start);
        if (answers != null) {
            service.checkTried(answers);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (answers != null) {
            return replay(service, start, answers, out);
        }
        if (format == Format.json) {
            throw new Failures.UsageException("--format json needs --answers FILE (the interactive mode prints text)");
        }
        return interactive(service, start, out);
    }

    private int replay(DiagnoseService service, HostFacts start, HostFacts answers, PrintWriter out) throws IOException {
        Replay.Transcript t = Replay.run(service, start, answers);
        String source = answersFile.toString();
        String shownSource = Inert.terminal(source);
        if (format == Format.json) {
            Map<String, Object> root = new LinkedHashMap<>();
            List<Map<String, Object>> questions = new ArrayList<>();
            for (Replay.Step s : t.steps()) {
                Map<String, Object> q = new LinkedHashMap<>();
                q.put("id", s.questionId());
                q.put("fact", s.fact());
                q.put("answer", s.answer() == null ? "unknown" : s.answer());
                questions.add(q);
            }
            root.put("questions", questions);
            root.put("endReason", t.endReason());
            root.put("report", ReportModel.of(t.diagnosis(), new ReportOptions(false, false, source)));
            ObjectMapper json = org.rdpdiag.text.InertJson.mapper().enable(SerializationFeature.INDENT_OUTPUT).build();
            out.println(json.writeValueAsString(root));
        } else {
            out.println("rdpdiag interview replayed from " + shownSource);
            for (Replay.Step s : t.steps()) {
                out.println(String.format("Q%-2d %s", s.number(), s.prompt()));
                // A free-text answer is the value of the answers file itself.
                out.println("    -> " + Inert.terminal(s.label()) + "   (" + s.questionId() + ")");
            }
            out.println("Interview complete after " + t.steps().size() + " questions: " + t.endReason() + ".");
            out.println();
            out.print(TextReport.render(t.diagnosis(), new ReportOptions(false, false, source)));
        }
        // The interview gathers observations only: what was tried comes from the files, the answers' last.
        int code = saveIfAsked(t.facts().withTried(Tried.merge(start.tried(), answers.tried())), out);
        out.flush();
        return code;
    }

    private int interactive(DiagnoseService service, HostFacts start, PrintWriter out) throws IOException {
        Interview interview = new Interview(service, start);
        boolean colorOn = org.rdpdiag.cli.Terminal.color(color) && main.in() == System.in;
        InterviewConsole console;
        org.jline.terminal.Terminal terminal = null;
        try {
            InterviewConsole.LineSource lines;
            if (main.in() == System.in && System.console() != null) {
                terminal = TerminalBuilder.builder().system(true).build();
                LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("rdpdiag").build();
                lines = prompt -> {
                    try {
                        return reader.readLine(prompt);
                    } catch (EndOfFileException | UserInterruptException e) {
                        return null;
                    }
                };
            } else {
                BufferedReader reader = new BufferedReader(new InputStreamReader(main.in(), StandardCharsets.UTF_8));
                lines = prompt -> {
                    out.print(prompt);
                    out.flush();
                    try {
                        String line = reader.readLine();
                        if (line != null) {
                            out.println(Inert.terminal(line)); // the echo of piped input goes to the terminal too
                        }
                        return line;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
            }
            console = new InterviewConsole(interview, lines, out, colorOn);
            InterviewConsole.End end = console.run();
            if (end == InterviewConsole.End.QUIT) {
                Path to = save != null ? save : Path.of(start.id() + "-answers.yaml");
                HostFacts gathered = interview.facts().withTried(start.tried());
                AnswersFile.Saved saved = AnswersFile.save(gathered, to);
                if (saved.asAsked()) {
                    String shown = Inert.terminal(to.toString());
                    out.println("Stopped (" + console.endReason() + "). Answers saved to " + shown
                            + "; continue with: rdpdiag ask --facts " + shown);
                    out.flush();
                    return ExitCodes.OK;
                }
                out.println("Stopped (" + console.endReason() + ").");
                out.flush();
                int code = reportSave(saved, gathered, out);
                if (saved.where() != null) {
                    out.println("Continue with: rdpdiag ask --facts " + Inert.terminal(saved.where().toString()));
                }
                out.flush();
                return code;
            }
        } finally {
            if (terminal != null) {
                terminal.close();
            }
        }
        Diagnosis d = console.report() != null ? console.report() : interview.diagnosis();
        out.println();
        out.print(TextReport.render(d, new ReportOptions(false, colorOn, "interview")));
        int code = saveIfAsked(interview.facts().withTried(start.tried()), out);
        out.flush();
        return code;
    }

    private int saveIfAsked(HostFacts facts, PrintWriter out) {
        return save == null ? ExitCodes.OK : reportSave(AnswersFile.save(facts, save), facts, out);
    }

    /**
     * Says where the answers are. When they could not go where asked, says why and where they
     * went instead (exit 2); when no file could be written at all, prints them, so they survive
     * in the terminal.
     */
    private int reportSave(AnswersFile.Saved saved, HostFacts facts, PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        if (saved.asAsked()) {
            String shown = Inert.terminal(saved.where().toString());
            out.println("Facts saved to " + shown + " (rdpdiag diagnose " + shown + " gives the same report).");
            return ExitCodes.OK;
        }
        if (saved.where() != null) {
            err.println("rdpdiag: " + Inert.terminal(saved.problem() + "; the answers were saved to " + saved.where()
                    + " instead"));
        } else {
            err.println("rdpdiag: " + Inert.terminal(saved.problem()) + "; here are the answers, to keep:");
            err.print(factsText(facts));
        }
        err.flush();
        return ExitCodes.BAD_INPUT;
    }

    /** The facts in the facts-file layout, with what was tried and what was answered unknown. */
    static String factsText(HostFacts facts) {
        Map<String, Object> nested = FactValues.nested(facts);
        String yaml = YAMLMapper.builder().build().writeValueAsString(nested);
        if (yaml.startsWith("---\n")) {
            yaml = yaml.substring(4);
        }
        return "# Facts gathered by rdpdiag ask. Absent observations are unknown; those listed under 'unknown'\n"
                + "# were asked for and nobody could tell, and are not asked again.\n" + yaml;
    }
}
