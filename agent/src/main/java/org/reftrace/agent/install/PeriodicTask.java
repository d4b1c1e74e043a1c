package org.reftrace.agent.install;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.reftrace.agent.bootstrap.Hooks;

/**
 * Runs agent work on a daemon thread at a fixed delay: the periodic dump (a crash loses at most one interval)
 * and the lingering-holders watchdog. Failures are counted, never thrown.
 */
final class PeriodicTask {
    private PeriodicTask() {}

    /** Starts the task; returns its timer, for {@code shutdown()} at exit. */
    static ScheduledExecutorService start(String name, Duration every, Runnable write) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                write.run();
            } catch (Throwable t) {
                Hooks.countFailure();
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return timer;
    }
}
