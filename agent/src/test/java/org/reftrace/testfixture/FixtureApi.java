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

    public static FakeDevice lookup(String name) {
        COUNT.incrementAndGet();
        return new FakeDevice(name);
    }
}
