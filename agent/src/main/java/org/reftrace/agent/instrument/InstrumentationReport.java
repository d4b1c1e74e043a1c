package org.reftrace.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What instrumentation did and failed to do, for the report: a profiler that silently failed to instrument
 * and then reports "no leaks" would be the worst outcome.
 *
 * <p>Thread-safe.
 */
public final class InstrumentationReport {
    static final int MAX_FAILURES = 100;

    private final AtomicInteger instrumented = new AtomicInteger();
    private final List<String> failures = new ArrayList<>();
    private int failuresDropped;

    void instrumented(String className) {
        instrumented.incrementAndGet();
    }

    void failed(String className, Throwable cause) {
        synchronized (failures) {
            if (failures.size() < MAX_FAILURES) {
                failures.add(className.replace('/', '.') + ": " + cause);
            } else {
                failuresDropped++;
            }
        }
    }

    public int instrumentedClasses() {
        return instrumented.get();
    }

    public List<String> failures() {
        synchronized (failures) {
            List<String> all = new ArrayList<>(failures);
            if (failuresDropped > 0) {
                all.add("... and " + failuresDropped + " more");
            }
            return all;
        }
    }
}
