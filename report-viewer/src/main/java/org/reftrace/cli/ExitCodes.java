package org.reftrace.cli;

/** The exit codes every subcommand uses, as documented in {@code --help}. */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** Leaks or problems were found and {@code --fail-on-leak} asked to fail; or a scenario did not end as
     *  its variant should. */
    static final int LEAKS = 1;
    /** Bad usage or bad input (unknown name, unreadable dump, missing pid, bad agent option). */
    static final int USAGE = 2;
    /** A bug in reftrace: one line on stderr naming the log file that holds the trace. */
    static final int INTERNAL = 3;

    private ExitCodes() {}
}
