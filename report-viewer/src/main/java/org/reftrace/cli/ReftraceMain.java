package org.reftrace.cli;

import picocli.CommandLine;

/** The {@code reftrace} command's entry point; the only place that calls {@link System#exit}. */
public final class ReftraceMain {
    private ReftraceMain() {}

    public static void main(String[] args) {
        System.exit(ReftraceCommand.commandLine(Installation.locate()).execute(args));
    }
}
