package org.reftrace.report;

/** Where long work says how it is going (the CLI prints to stderr; tests stay silent). */
@FunctionalInterface
public interface Progress {
    void step(String message);

    Progress SILENT = message -> { };
}
