package org.reftrace.agent.output.jfr;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The agent's JFR events, {@code reftrace.Problem}, {@code reftrace.LingeringHolders} and
 * {@code reftrace.OutstandingReferences}, behind an emitter with plain parameters. Events are recorded only while a
 * JFR recording runs (started with {@code -XX:StartFlightRecording}, {@code jcmd JFR.start} or JMC), so
 * {@code jfr print}, JMC and fleets that already collect JFR see what the agent found. On a runtime without the
 * {@code jdk.jfr} module the emitter does nothing. Never throws: a failure is counted by the given callback.
 *
 * <p>Thread-safe; stateless but for the periodic registration made once JFR has started.
 */
public final class JfrEvents {
    private final boolean available;
    private final Runnable onFailure;
    private final Supplier<List<SiteCount>> sites;
    /** Whether the periodic per-site event is registered with JFR (once, by whoever sees JFR started first). */
    private final AtomicBoolean periodicRegistered = new AtomicBoolean();

    /**
     * One call site's references for the periodic event.
     *
     * @param site        the call site, as a stack trace element
     * @param outstanding taken there and not put back yet
     * @param taken       taken there since the agent started, or -1 when not counted
     * @param released    of those, put back, or -1
     */
    public record SiteCount(String site, long outstanding, long taken, long released) {}

    private JfrEvents(boolean available, Runnable onFailure, Supplier<List<SiteCount>> sites) {
        this.available = available;
        this.onFailure = onFailure;
        this.sites = sites;
    }

    /**
     * The emitter. When JFR is there, the periodic per-site event is registered as soon as JFR starts (a
     * {@code reftrace-jfr-watch} daemon thread looks every tenth of a second, and stops when it has registered it;
     * an event the agent emits meanwhile registers it too); until then nothing of JFR is touched, so a program
     * never recording pays nothing.
     *
     * @param sites     the outstanding references per site, asked for at each period of a running recording
     * @param onFailure called when emitting failed (the agent counts it in its health)
     */
    public static JfrEvents start(Supplier<List<SiteCount>> sites, Runnable onFailure) {
        boolean available = ModuleLayer.boot().findModule("jdk.jfr").isPresent();
        JfrEvents events = new JfrEvents(available, onFailure, sites);
        if (available) {
            ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "reftrace-jfr-watch");
                t.setDaemon(true);
                return t;
            });
            watch.scheduleWithFixedDelay(() -> {
                try {
                    if (events.recording()) {
                        watch.shutdown();
                    }
                } catch (Throwable t) {
                    onFailure.run();
                    watch.shutdown();
                }
            }, 0, 100, TimeUnit.MILLISECONDS); // a recording started at launch is found within a tenth of a second
        }
        return events;
    }

    /** Whether JFR has started; the first to see it registers the periodic event. */
    private boolean recording() {
        if (!available || !JfrSink.initialized()) {
            return false;
        }
        if (!periodicRegistered.get() && periodicRegistered.compareAndSet(false, true)) {
            JfrSink.periodic(sites, onFailure);
        }
        return true;
    }

    /** A problem was recorded. */
    public void problem(String type, String kind, String object, String site, String message) {
        try {
            if (recording()) {
                JfrSink.problem(type, kind, object, site, message);
            }
        } catch (Throwable t) {
            onFailure.run();
        }
    }

    /** Whether a running recording wants {@link #lingering} events: looking for holders costs a snapshot. */
    public boolean lingeringWanted() {
        try {
            return recording() && JfrSink.lingeringEnabled();
        } catch (Throwable t) {
            onFailure.run();
            return false;
        }
    }

    /** An object's wait warned while these references were held; the top signature holds most of them. */
    public void lingering(String object, int holders, int usageCount, String topSite, String topOwner, String why) {
        try {
            if (recording()) {
                JfrSink.lingering(object, holders, usageCount, topSite, topOwner, why);
                // and the per-site counts of that moment: JFR's periodic thread can sleep a second before it calls a
                // hook registered after the recording began, and a short program ends before that
                JfrSink.outstandingNow(sites, onFailure);
            }
        } catch (Throwable t) {
            onFailure.run();
        }
    }
}
