package org.reftrace.testfixture;

import org.reftrace.agent.record.FakeDevice;

/** Code that takes references, to be rewritten by the tests. */
public class FixtureCaller {
    public final FakeDevice held;

    public FixtureCaller(FakeDevice dev) {
        FixtureApi.hold(dev); // after the implicit super(): this is usable
        this.held = dev;
    }

    /** The lookup runs before this(...): there is no usable this yet, and pushing it would not verify. */
    public FixtureCaller(String name) {
        this(FixtureApi.lookup(name));
    }

    public void holdFor(FakeDevice self, FakeDevice other) {
        FixtureApi.hold(other);
    }

    public void holdSelf(FakeDevice dev) {
        FixtureApi.hold(dev);
    }

    public static void holdStatic(FakeDevice dev) {
        FixtureApi.hold(dev);
    }

    public int putAndCount(FakeDevice dev) {
        FixtureApi.put(dev);
        return FixtureApi.COUNT.get();
    }

    public void holdTracked(FakeDevice dev, Object tracker) {
        FixtureApi.holdTracked(dev, tracker);
    }

    public FakeDevice lookup(String name) {
        return FixtureApi.lookup(name);
    }
}
