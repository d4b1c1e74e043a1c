package org.reftrace.agent.record;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A call site: where in the program a reference is taken or dropped (or, for advice on a method itself, the
 * method). Immutable but for its counters: stacks captured there, references taken and put back, and one
 * representative stack per owner class, so that a reference still held when a report is made always has a stack
 * (its own, or one taken at the same site by an owner of the same class).
 *
 * @see SiteTable
 */
public final class Site {
    /** Owner classes a site keeps a representative stack for. */
    static final int REPRESENTATIVES = 8;

    private final int id;
    private final String className;
    private final String methodName;
    private final String fileName;
    private final int line;
    private final int targetId;
    private final AtomicInteger stacksTaken = new AtomicInteger();
    /** Hold durations of a clock tick or more (the coarse clock's, or a precise sample's). */
    final LazyHistogram holdDurations = new LazyHistogram();
    /**
     * Precise samples of the holds shorter than a tick: what the holds released within a tick
     * ({@link ThreadCounts#quick}) stand for.
     */
    final LazyHistogram quickSamples = new LazyHistogram();
    /** Whether references taken here have been put back by another owner (a hand-off site). */
    volatile boolean handsOff;
    /**
     * Whether this is a static initializer (or a lambda of one): what it takes is a static constant's, held for the
     * program's life by design, never a leak.
     */
    final boolean staticInitializer;
    /**
     * The class of the owners seen here and what the recorder keeps of it ({@link Tables#ownerType(Class, Site)}):
     * a site's owners are nearly always of one class, so this spares a class look-up per event. The class is held
     * weakly (a site must not keep a class loader alive); a site whose owners keep changing class stops caching.
     */
    record OwnerTypeSeen(java.lang.ref.WeakReference<Class<?>> type, Tables.OwnerType value, int misses) {}

    volatile OwnerTypeSeen ownerTypeSeen;
    /** One stack kept for the owners of one class here. */
    private record Representative(String ownerClass, Throwable stack) {}

    /** Copy on write: read on every hold past the budget, written at most {@value #REPRESENTATIVES} times. */
    private volatile Representative[] representatives = new Representative[0];

    Site(int id, String className, String methodName, String fileName, int line, int targetId) {
        this.id = id;
        this.className = className;
        this.methodName = methodName;
        this.fileName = fileName;
        this.line = line;
        this.targetId = targetId;
        this.staticInitializer = methodName.equals("<clinit>") || methodName.startsWith("lambda$static$");
    }

    public int id() {
        return id;
    }

    public String className() {
        return className;
    }

    public String methodName() {
        return methodName;
    }

    /** The profile target called here. */
    public int targetId() {
        return targetId;
    }

    /** As a {@code StackTraceElement} prints: {@code pkg.Class.method(File.java:42)}. */
    public String frame() {
        return className + "." + methodName + "(" + (fileName == null ? "Unknown Source" : fileName)
                + (line > 0 ? ":" + line : "") + ")";
    }

    /** Claims one of the site's stack captures; false once {@code budget} are taken ({@code < 0}: unlimited). */
    boolean claimStack(int budget) {
        if (budget < 0) {
            return true;
        }
        if (stacksTaken.get() >= budget) {
            return false;
        }
        return stacksTaken.incrementAndGet() <= budget;
    }

    /** Whether no stack is kept yet for owners of this class here, and there is room for one. Lock-free. */
    boolean needsRepresentative(String ownerClass) {
        Representative[] kept = representatives;
        if (kept.length >= REPRESENTATIVES) {
            return false; // full: the budget alone decides
        }
        for (Representative r : kept) {
            if (r.ownerClass().equals(ownerClass)) {
                return false;
            }
        }
        return true;
    }

    synchronized void keepRepresentative(String ownerClass, Throwable stack) {
        Representative[] kept = representatives;
        if (kept.length >= REPRESENTATIVES) {
            return;
        }
        for (Representative r : kept) {
            if (r.ownerClass().equals(ownerClass)) {
                return;
            }
        }
        Representative[] more = java.util.Arrays.copyOf(kept, kept.length + 1);
        more[kept.length] = new Representative(ownerClass, stack);
        representatives = more;
    }

    /** The stack kept for owners of this class here, or {@code null}. */
    Throwable representative(String ownerClass) {
        for (Representative r : representatives) {
            if (r.ownerClass().equals(ownerClass)) {
                return r.stack();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return frame();
    }
}
