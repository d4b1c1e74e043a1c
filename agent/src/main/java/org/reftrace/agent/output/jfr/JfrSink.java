package org.reftrace.agent.output.jfr;

import java.util.List;
import java.util.function.Supplier;
import jdk.jfr.FlightRecorder;

/**
 * What touches {@code jdk.jfr}: loaded only once {@link JfrEvents} has seen that the module is there, so that a
 * runtime without it never links these classes.
 */
final class JfrSink {
    private JfrSink() {}

    /**
     * Whether JFR has started (a recording was started at some point). Until then no event class is touched: the
     * first use of one makes JFR load its metadata, which costs a start-up's worth of time.
     */
    static boolean initialized() {
        return FlightRecorder.isInitialized();
    }

    static void problem(String type, String kind, String object, String site, String message) {
        ProblemEvent e = new ProblemEvent();
        if (e.shouldCommit()) {
            e.type = type;
            e.kind = kind;
            e.object = object;
            e.site = site;
            e.message = message;
            e.commit();
        }
    }

    /** Whether a recording wants lingering-holder events, so the agent knows whether to look for them. */
    static boolean lingeringEnabled() {
        return new LingeringHoldersEvent().isEnabled();
    }

    static void lingering(String object, int holders, int usageCount, String topSite, String topOwner, String why) {
        LingeringHoldersEvent e = new LingeringHoldersEvent();
        if (e.shouldCommit()) {
            e.object = object;
            e.holders = holders;
            e.usageCount = usageCount;
            e.topSite = topSite;
            e.topOwner = topOwner;
            e.why = why;
            e.commit();
        }
    }

    /** One per-site event for each call site with references outstanding now. */
    static void outstandingNow(Supplier<List<JfrEvents.SiteCount>> sites, Runnable onFailure) {
        try {
            for (JfrEvents.SiteCount s : sites.get()) {
                outstanding(s.site(), s.outstanding(), s.taken(), s.released());
            }
        } catch (Throwable t) {
            onFailure.run();
        }
    }

    static void outstanding(String site, long outstanding, long taken, long released) {
        OutstandingReferencesEvent e = new OutstandingReferencesEvent();
        e.site = site;
        e.outstanding = outstanding;
        e.taken = taken;
        e.released = released;
        e.commit();
    }

    /**
     * Registers the periodic per-site event, JFR calling {@code sites} at each period while a recording runs, and
     * emits the counts of now at once.
     */
    static void periodic(Supplier<List<JfrEvents.SiteCount>> sites, Runnable onFailure) {
        Runnable emit = () -> outstandingNow(sites, onFailure);
        FlightRecorder.addPeriodicEvent(OutstandingReferencesEvent.class, emit);
        emit.run();
    }
}
