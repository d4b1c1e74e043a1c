package org.reftrace.stack;

import static org.reftrace.netdev.Dev.*;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.NetdevTracker;

/**
 * {@code net/ipv4/devinet.c}: every registered device gets an {@code in_device} that holds it; on
 * {@code NETDEV_UNREGISTER} the {@code in_device} is unlinked and its reference is put from an RCU callback,
 * once readers are done with it.
 */
public final class Inet implements NotifierModule {

    /** {@code struct in_device}. */
    public static final class InDevice {
        final NetDevice dev;
        final NetdevTracker devTracker = new NetdevTracker();

        InDevice(NetDevice dev) {
            this.dev = dev;
        }

        public NetDevice dev() {
            return dev;
        }
    }

    private final Map<NetDevice, InDevice> inDevices = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "ipv4";
    }

    /** {@code __in_dev_get_rtnl()}: the device's {@code in_device}, or {@code null}. */
    public InDevice inDevGet(NetDevice dev) {
        return inDevices.get(dev);
    }

    /** {@code inetdevEvent()}, the module's notifier. */
    @Override
    public int onEvent(NetdevEvent event, NetDevice dev) {
        switch (event) {
            case REGISTER -> inetdevInit(dev);
            case UNREGISTER -> inetdevDestroy(dev);
            default -> { }
        }
        return 0;
    }

    /** {@code inetdev_init()}. */
    private void inetdevInit(NetDevice dev) {
        InDevice inDev = new InDevice(dev);
        if (inDevices.putIfAbsent(dev, inDev) == null) {
            netdevHold(dev, inDev.devTracker);
        }
    }

    /** {@code inetdev_destroy()}: idempotent, since the wait re-sends NETDEV_UNREGISTER. */
    private void inetdevDestroy(NetDevice dev) {
        InDevice inDev = inDevices.remove(dev);
        if (inDev != null) {
            dev.kernel().rcu().callRcu(() -> netdevPut(inDev.dev, inDev.devTracker)); // in_dev_rcu_put()
        }
    }
}
