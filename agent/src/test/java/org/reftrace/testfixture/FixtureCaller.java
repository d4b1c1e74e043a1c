package org.reftrace.testfixture;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.function.Consumer;
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

    public void holdLate(FakeDevice dev, Object tracker) {
        FixtureApi.holdLate(1, 2L, "three", tracker, dev);
    }

    public void putLate(FakeDevice dev, Object tracker) {
        FixtureApi.putLate(1, 2L, "three", tracker, dev);
    }

    public FakeDevice lookup(String name) {
        return FixtureApi.lookup(name);
    }

    public void holdThrice(FakeDevice dev) {
        for (int i = 0; i < 3; i++) {
            FixtureApi.hold(dev);
        }
    }

    /** The puts go through a method reference: no call site of {@code put} here, only an invokedynamic. */
    public void putAllByMethodReference(List<FakeDevice> devices) {
        devices.forEach(FixtureApi::put);
    }

    public void holdAllByMethodReference(List<FakeDevice> devices) {
        Consumer<FakeDevice> hold = FixtureApi::hold;
        devices.forEach(hold);
    }

    public void putAllByLambda(List<FakeDevice> devices) {
        devices.forEach(d -> FixtureApi.put(d));
    }

    public void putByReflection(FakeDevice dev) throws ReflectiveOperationException {
        FixtureApi.class.getMethod("put", FakeDevice.class).invoke(null, dev);
    }

    public void putByMethodHandle(FakeDevice dev) throws Throwable {
        MethodHandle put = MethodHandles.lookup().findStatic(FixtureApi.class, "put",
                MethodType.methodType(void.class, FakeDevice.class));
        put.invokeExact(dev);
    }

    public boolean tryHold(FakeDevice dev) {
        return FixtureApi.tryHold(dev);
    }

    public void holdOrThrow(FakeDevice dev) {
        try {
            FixtureApi.holdOrThrow(dev);
        } catch (IllegalStateException expected) {
            // the caller copes; nothing was taken
        }
    }

    public void holdViaInner(FakeDevice dev) {
        FixtureApi.holdViaInner(dev);
    }
}
