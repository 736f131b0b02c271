package org.rdpdiag.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rdpdiag.authoring.KnowledgeLint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rdpdiag rules check [DIR]}: compile and lint a rules folder, one problem per line. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Compile a rules folder and lint it: every problem as file:line:column: error|warning: message.",
                "Beyond compile errors: ids used in DRL but not catalogued (or catalogued and never used), entries "
                        + "without sources or claim status, seed pairs nobody cites, questions no rule makes "
                        + "relevant, rule names used twice, facts the schema does not define, cost figures that "
                        + "contradict the entry's other data or each other."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no errors (warnings may be printed)", "1:the knowledge base has errors",
                "2:bad usage (a folder that does not exist or holds no rules)", "3:internal error"})
final class RulesCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RulesFolder folder;

    @Option(names = "--warnings-as-errors", description = "Fail (exit 1) on warnings too.")
    boolean strict;

    @Override
    public Integer call() {
        KnowledgeLint.Result result = KnowledgeLint.check(folder.source(), folder.loader());
        PrintWriter out = spec.commandLine().getOut();
        result.problems().forEach(out::println);
        out.println(RulesFolder.summary(folder.label(), result));
        out.flush();
        return result.errors() > 0 || strict && result.warnings() > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
