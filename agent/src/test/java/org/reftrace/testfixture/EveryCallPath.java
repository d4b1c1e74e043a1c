package org.reftrace.testfixture;

import static org.reftrace.netdev.Dev.*;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.reftrace.netdev.Dev;
import org.reftrace.netdev.FakeClock;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelConfig;
import org.reftrace.netdev.NetDevice;

/**
 * Issue 11's program, on the real netdev model: references taken and dropped through a method reference, a
 * lambda, reflection and a method handle. Balanced, the agent must report nothing held; {@code unbalanced} adds
 * one hold through a method reference that is never put.
 */
public final class EveryCallPath {
    private EveryCallPath() {}

    public static void main(String[] args) throws Throwable {
        boolean unbalanced = args.length > 0 && args[0].equals("unbalanced");
        // the model's wait escape (model-only) ends the hang an unbalanced run causes
        Kernel k = Kernel.boot(KernelConfig.defaults().withWaitEscape(Duration.ofSeconds(30)), new FakeClock(), null);
        rtnlLock(k);
        NetDevice d = allocNetdev(k.initNet(), "d0", null, dev -> { });
        registerNetdevice(d);
        rtnlUnlock(k);
        List<NetDevice> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            devHold(d);
            held.add(d);
        }
        held.forEach(Dev::devPut);                                           // a method reference to a put
        devHold(d);
        List.of(d).forEach(x -> devPut(x));                                  // a lambda
        devHold(d);
        Dev.class.getMethod("devPut", NetDevice.class).invoke(null, d);      // reflection
        devHold(d);
        MethodHandle put = MethodHandles.lookup().findStatic(Dev.class, "devPut",
                MethodType.methodType(void.class, NetDevice.class));
        put.invokeExact(d);                                                  // a method handle
        Consumer<NetDevice> hold = Dev::devHold;                             // a method reference to a hold
        hold.accept(d);
        devPut(d);
        if (unbalanced) {
            Consumer<NetDevice> leak = Dev::devHold;
            leak.accept(d);                                                  // never put
        }
        unregisterNetdev(d);
        freeNetdev(d);
        System.out.println("done");
    }
}
