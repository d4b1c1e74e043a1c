package org.reftrace.stack;

import static org.reftrace.netdev.Dev.*;

import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;

/**
 * What every rtnetlink handler of the stack shares: the request runs under rtnl ({@code rtnetlink_rcv_msg()}),
 * and releasing rtnl runs the todo list, so a request that deletes something can wait for its references.
 */
final class RtnlRequest {
    private RtnlRequest() {}

    /** Runs {@code body} under rtnl; returns its 0 or negative errno. */
    static int run(Net net, IntSupplier body) {
        rtnlLock(net.kernel());
        try {
            return body.getAsInt();
        } finally {
            rtnlUnlock(net.kernel());
        }
    }

    /**
     * Runs {@code body} under rtnl on the per-family state {@code state} finds on device {@code devName}
     * ({@code in_device}, {@code inet6_dev}, or the device itself); {@code -ENODEV} when either is missing.
     */
    static <T> int onDevice(Net net, String devName, Function<NetDevice, T> state, ToIntFunction<T> body) {
        return run(net, () -> {
            NetDevice dev = __devGetByName(net, devName);
            T found = dev == null ? null : state.apply(dev);
            return found == null ? -Errno.ENODEV : body.applyAsInt(found);
        });
    }
}
