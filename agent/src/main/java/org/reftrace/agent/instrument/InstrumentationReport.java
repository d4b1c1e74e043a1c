package org.reftrace.agent.instrument;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.reftrace.agent.profile.Target;

/**
 * What instrumentation did and failed to do, for the report: a profiler that silently failed to instrument and
 * then reports "no leaks" would be the worst outcome. Every missing method is also said once, when it is found
 * ({@code console}).
 *
 * <p>Thread-safe.
 */
public final class InstrumentationReport {
    static final int MAX_FAILURES = 100;

    private final AtomicInteger instrumented = new AtomicInteger();
    private final List<String> failures = new ArrayList<>();
    private final Set<String> missing = new LinkedHashSet<>();
    private final BitSet advisedTargets = new BitSet();
    private final Map<String, Set<String>> expectedClasses = new LinkedHashMap<>();
    private final Set<String> loadedClasses = new LinkedHashSet<>();
    private final Consumer<String> console;
    private int failuresDropped;

    /** @param console where a missing method is said when it is found (one line each) */
    public InstrumentationReport(Consumer<String> console) {
        this.console = console;
    }

    public InstrumentationReport() {
        this(line -> { });
    }

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

    void missing(String line) {
        boolean fresh;
        synchronized (missing) {
            fresh = missing.add(line);
        }
        if (fresh) {
            console.accept("reftrace: " + line);
        }
    }

    synchronized void advised(Target target) {
        advisedTargets.set(target.id());
    }

    synchronized void expectClass(String profile, String className) {
        expectedClasses.computeIfAbsent(profile, p -> new LinkedHashSet<>()).add(className);
    }

    synchronized void classLoaded(String className) {
        loadedClasses.add(className);
    }

    public int instrumentedClasses() {
        return instrumented.get();
    }

    public synchronized boolean isAdvised(Target target) {
        return advisedTargets.get(target.id());
    }

    /** The classes a profile names that have not been loaded (so nothing of them is instrumented yet). */
    public synchronized List<String> notLoaded(String profile) {
        return expectedClasses.getOrDefault(profile, Set.of()).stream().filter(c -> !loadedClasses.contains(c)).toList();
    }

    /** The methods and accessors profiles name that do not exist, one line each. */
    public List<String> missing() {
        synchronized (missing) {
            return List.copyOf(missing);
        }
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
