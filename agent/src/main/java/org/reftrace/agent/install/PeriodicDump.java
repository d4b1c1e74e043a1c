package org.reftrace.agent.install;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.reftrace.agent.bootstrap.Hooks;

/** Rewrites the dump on a daemon thread every so often, so a crash loses at most one interval. */
final class PeriodicDump {
    private PeriodicDump() {}

    static void start(Duration every, Runnable write) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reftrace-periodic-dump");
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
    }
}
