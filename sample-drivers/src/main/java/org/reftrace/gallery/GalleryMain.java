package org.reftrace.gallery;

import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The program a scenario runs in: {@code GalleryMain NAME buggy|fixed [DURATION_SECONDS]}. The reftrace CLI
 * starts it in its own JVM (under the agent, unless told otherwise). Prints the kernel's messages as they
 * happen and the outcome last.
 *
 * <p>Exit codes: 0 when the run ended as the variant should (buggy: its documented outcome; fixed: clean),
 * 1 when it did not, 2 for bad arguments.
 */
public final class GalleryMain {
    private GalleryMain() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: GalleryMain NAME buggy|fixed [DURATION_SECONDS]");
            return 2;
        }
        Scenario scenario = Gallery.find(args[0]).orElse(null);
        if (scenario == null) {
            System.err.println("reftrace: unknown scenario '" + args[0] + "' (expected one of: "
                    + String.join(", ", Gallery.names()) + ")");
            return 2;
        }
        Variant variant;
        Duration duration;
        try {
            variant = Variant.parse(args[1]);
            duration = args.length == 3 ? Duration.ofMillis((long) (Double.parseDouble(args[2]) * 1000)) : null;
        } catch (IllegalArgumentException e) {
            System.err.println("reftrace: " + e.getMessage());
            return 2;
        }
        RunOptions options = RunOptions.defaults(System.out);
        if (duration != null) {
            options = options.withDuration(duration);
        }
        ScenarioResult result = ScenarioRunner.run(scenario, variant, options);
        Outcome expected = variant == Variant.BUGGY ? scenario.buggyOutcome() : Outcome.CLEAN;
        System.out.println("# outcome: " + result.outcomes().stream().map(Outcome::description)
                .collect(Collectors.joining(", ")) + " (expected for the " + variant.label() + " variant: "
                + expected.description() + ")");
        return result.outcomes().contains(expected) ? 0 : 1;
    }
}
