package org.reftrace.testfixture;

import java.util.concurrent.atomic.AtomicInteger;
import org.reftrace.agent.record.FakeDevice;

/** A refcounting API for instrumentation tests: the calls a profile names. */
public final class FixtureApi {
    public static final AtomicInteger COUNT = new AtomicInteger();

    private FixtureApi() {}

    public static void hold(FakeDevice dev) {
        COUNT.incrementAndGet();
    }

    public static void put(FakeDevice dev) {
        COUNT.decrementAndGet();
    }

    public static void holdTracked(FakeDevice dev, Object tracker) {
        COUNT.incrementAndGet();
    }

    /** A hold whose object and tracker come after three other arguments (a profile reading arg3 and arg4). */
    public static void holdLate(int a, long b, String c, Object tracker, FakeDevice dev) {
        COUNT.incrementAndGet();
    }

    public static void putLate(int a, long b, String c, Object tracker, FakeDevice dev) {
        COUNT.decrementAndGet();
    }

    public static FakeDevice lookup(String name) {
        COUNT.incrementAndGet();
        return new FakeDevice(name);
    }

    /** A conditional hold ({@code refcount_inc_not_zero}): takes nothing when it returns false. */
    public static boolean tryHold(FakeDevice dev) {
        if (dev.name().startsWith("dying")) {
            return false;
        }
        COUNT.incrementAndGet();
        return true;
    }

    /** A hold whose call fails: takes nothing. */
    public static void holdOrThrow(FakeDevice dev) {
        if (dev.name().startsWith("bad")) {
            throw new IllegalStateException("no hold on " + dev.name());
        }
        COUNT.incrementAndGet();
    }

    /** A hold implemented with another hold on the same object ({@code incRef} calling {@code tryIncRef}). */
    public static void holdViaInner(FakeDevice dev) {
        tryHold(dev);
    }
}
