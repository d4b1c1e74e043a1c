package org.reftrace.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code reftrace}: the top-level command; each job is a subcommand. */
@Command(name = "reftrace", mixinStandardHelpOptions = true, version = "reftrace 0.1.0",
        description = "Finds who holds the references that keep an object alive: a reference-count leak profiler "
                + "for the JVM, shown on a model of the Linux kernel's net_device lifecycle.",
        subcommands = {ReportCommand.class, DiffCommand.class, KernelLogCommand.class, AttachCommand.class, DumpCommand.class,
                StatusCommand.class, ListCommand.class, ScenariosCommand.class, RunCommand.class, DemoCommand.class,
                ReplayCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:leaks found (with --fail-on-leak), or a scenario ended unexpectedly",
                "2:bad usage or bad input (one line says what and how to fix it)",
                "3:internal error (one line names the log file holding the trace)"})
final class ReftraceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    /** The command line, wired to this installation, with reftrace's exit codes. */
    static CommandLine commandLine(Installation installation) {
        CommandLine cli = new CommandLine(new ReftraceCommand(), new Factory(installation));
        cli.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine source = e.getCommandLine();
            var err = source.getErr();
            String command = unknownCommand(e);
            if (command != null) {
                List<String> near = NearestNames.to(command, List.copyOf(source.getSubcommands().keySet()));
                err.println("reftrace: unknown command '" + Terminal.escape(command) + "'");
                if (!near.isEmpty()) {
                    err.println("Did you mean: " + near.stream().map(n -> source.getCommandSpec().qualifiedName() + " " + n)
                            .collect(Collectors.joining(" or ")) + "?");
                }
            } else {
                err.println("reftrace: " + Terminal.escape(e.getMessage()));
                CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            }
            err.println("Try '" + source.getCommandSpec().qualifiedName() + " --help' for more.");
            err.flush();
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler(new InternalErrors());
        return cli;
    }

    /** The unknown subcommand a mistyped command line starts with, or {@code null}. */
    private static String unknownCommand(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || e.getCommandLine().getSubcommands().isEmpty()
                || u.isUnknownOption() || u.getUnmatched().isEmpty()) {
            return null;
        }
        String first = u.getUnmatched().get(0);
        return first.startsWith("-") ? null : first;
    }

    /** Gives every subcommand the installation it runs in. */
    private record Factory(Installation installation) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (var constructor : type.getDeclaredConstructors()) {
                if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Installation.class) {
                    constructor.setAccessible(true);
                    return type.cast(constructor.newInstance(installation));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
