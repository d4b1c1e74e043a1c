package org.reftrace.gallery;

import java.io.PrintStream;
import java.time.Duration;
import org.reftrace.netdev.Clock;
import org.reftrace.netdev.ScaledClock;

/**
 * How a scenario is run.
 *
 * @param clock      the kernel's clock; scenarios run on a scaled clock so the 10 s warnings pass quickly
 * @param waitEscape model time after which a hung wait gives up (the model-only escape), so every scenario ends
 * @param duration   how long a long-running scenario (churn) runs, in wall time
 * @param out        where the kernel's messages and the narrative go
 */
public record RunOptions(Clock clock, Duration waitEscape, Duration duration, PrintStream out) {

    /** Model time runs 50 times faster than wall time: a 10 s warning every 0.2 s. */
    public static final double DEMO_SPEEDUP = 50;

    /** Scaled time, two warnings before the escape (25 model seconds), churn for 10 s. */
    public static RunOptions defaults(PrintStream out) {
        return new RunOptions(new ScaledClock(DEMO_SPEEDUP), Duration.ofSeconds(25), Duration.ofSeconds(10), out);
    }

    public RunOptions withClock(Clock c) {
        return new RunOptions(c, waitEscape, duration, out);
    }

    public RunOptions withDuration(Duration d) {
        return new RunOptions(clock, waitEscape, d, out);
    }
}
