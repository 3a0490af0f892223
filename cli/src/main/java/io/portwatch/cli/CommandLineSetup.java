package io.portwatch.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** The command line, with failures printed as one line ({@code portwatch: ...}) and their exit codes. */
@ApplicationScoped
public class CommandLineSetup {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return factory.create().setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
            if (failure instanceof CliFailure cli) {
                commandLine.getErr().println("portwatch: " + cli.getMessage());
                return cli.exitCode();
            }
            throw failure;
        });
    }
}
