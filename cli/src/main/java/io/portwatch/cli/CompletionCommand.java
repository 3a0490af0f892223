package io.portwatch.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code portwatch completion}: the bash (and zsh, through bashcompinit) completion script that picocli generates for
 * every command, subcommand and option; {@code source <(./portwatch completion)}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Prints a bash/zsh completion script for portwatch: source <(./portwatch completion)")
public class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        System.out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        return ExitCodes.OK;
    }
}
