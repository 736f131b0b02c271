package org.rdpdiag.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rdpdiag rules ...}: the knowledge author's tools, one subcommand each. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Tools for knowledge authors: check, test and document a rules folder.",
        subcommands = {RulesCheckCommand.class, RulesTestCommand.class, RulesWatchCommand.class, RulesDocCommand.class,
                CommandLine.HelpCommand.class})
final class RulesCommand {
}
