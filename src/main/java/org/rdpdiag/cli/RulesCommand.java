package org.rdpdiag.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code rdpdiag rules ...}: the knowledge author's tools, one subcommand each. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Tools for knowledge authors: check, test and document a rules folder, and write the facts schema its vocabulary defines.",
        subcommands = {RulesCheckCommand.class, RulesTestCommand.class, RulesWatchCommand.class, RulesDocCommand.class, RulesSchemaCommand.class,
                CommandLine.HelpCommand.class})
final class RulesCommand {
}
