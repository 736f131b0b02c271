package org.rdpdiag.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rdpdiag completion}: the shell completion script for every command and option, as
 * picocli writes it. The build writes it to {@code target/rdpdiag_completion}; see README's
 * "Installing" for how bash and zsh load it.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the completion script of rdpdiag for bash and zsh.",
                "bash: source <(rdpdiag completion); zsh: autoload -U +X bashcompinit && bashcompinit, then the same."})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("rdpdiag", spec.parent().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
