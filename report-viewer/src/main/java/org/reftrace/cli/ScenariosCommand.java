package org.reftrace.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.reftrace.gallery.Gallery;
import org.reftrace.gallery.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code reftrace scenarios}: the gallery, one line per scenario. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        description = "Lists the gallery's scenarios: name, the kernel commits each reproduces, what its buggy "
                + "variant ends in, and what goes wrong. Run one with 'reftrace run NAME'.")
final class ScenariosCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-34s %-28s %-28s %s%n";
        out.printf(format, "NAME", "COMMITS", "BUGGY VARIANT ENDS IN", "WHAT GOES WRONG");
        for (Scenario s : Gallery.scenarios()) {
            String commits = !s.commits().isEmpty() ? String.join(" ", s.commits())
                    : s.isLongRunning() ? "(workload)" : "(everyday bug)";
            out.printf(format, s.name(), commits, s.buggyOutcome().label(), s.title());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
