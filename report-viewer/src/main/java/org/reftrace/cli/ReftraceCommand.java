package org.reftrace.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code reftrace}: the top-level command; each job is a subcommand. */
@Command(name = "reftrace", mixinStandardHelpOptions = true, version = "reftrace 0.1.0",
        description = "Finds who holds the references that keep an object alive: a reference-count leak profiler "
                + "for the JVM, shown on a model of the Linux kernel's net_device lifecycle.",
        subcommands = {ReportCommand.class, DiffCommand.class, KernelLogCommand.class, AttachCommand.class, DumpCommand.class, ListCommand.class,
                ScenariosCommand.class, RunCommand.class, DemoCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:leaks found (with --fail-on-leak), or a scenario ended unexpectedly",
                "2:bad usage or bad input"})
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
            source.getErr().println("reftrace: " + e.getMessage());
            source.getErr().println("Try '" + source.getCommandSpec().qualifiedName() + " --help' for more.");
            return ExitCodes.USAGE;
        });
        return cli;
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
