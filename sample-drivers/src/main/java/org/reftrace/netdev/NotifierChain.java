package org.reftrace.netdev;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The netdev notifier chain ({@code netdev_chain}). Handlers run in registration order, under rtnl.
 *
 * <p>Thread-safe; registration happens under rtnl.
 */
final class NotifierChain {
    private final Kernel kernel;
    private final List<NetdevNotifier> notifiers = new CopyOnWriteArrayList<>();

    NotifierChain(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * {@code register_netdevice_notifier()}: adds the handler and replays {@code NETDEV_REGISTER} (and
     * {@code NETDEV_UP} for running devices) for every device that already exists, so it sees them all.
     */
    int register(NetdevNotifier notifier) {
        kernel.rtnl().lock();
        try {
            notifiers.add(notifier);
            for (Net net : kernel.namespaces()) {
                for (NetDevice dev : net.devices()) {
                    notifier.onEvent(NetdevEvent.REGISTER, dev, null);
                    if (dev.up) {
                        notifier.onEvent(NetdevEvent.UP, dev, null);
                    }
                }
            }
            return 0;
        } finally {
            kernel.rtnl().unlock();
        }
    }

    /**
     * {@code unregister_netdevice_notifier()}: removes the handler after replaying {@code NETDEV_GOING_DOWN},
     * {@code NETDEV_DOWN} and {@code NETDEV_UNREGISTER} for every existing device, so it lets go of them.
     */
    void unregister(NetdevNotifier notifier) {
        kernel.rtnl().lock();
        try {
            if (!notifiers.remove(notifier)) {
                return;
            }
            for (Net net : kernel.namespaces()) {
                for (NetDevice dev : net.devices()) {
                    if (dev.up) {
                        notifier.onEvent(NetdevEvent.GOING_DOWN, dev, null);
                        notifier.onEvent(NetdevEvent.DOWN, dev, null);
                    }
                    notifier.onEvent(NetdevEvent.UNREGISTER, dev, null);
                }
            }
        } finally {
            kernel.rtnl().unlock();
        }
    }

    /**
     * {@code call_netdevice_notifiers()}: for a vetoable event the first error stops the chain and is returned;
     * for the others every handler runs and 0 is returned.
     */
    int call(NetdevEvent event, NetDevice dev) {
        return call(event, dev, null);
    }

    /** {@code call_netdevice_notifiers_info()}: as {@link #call(NetdevEvent, NetDevice)}, with the event's data. */
    int call(NetdevEvent event, NetDevice dev, NotifierInfo info) {
        kernel.rtnl().assertRtnl("call_netdevice_notifiers(" + event.kernelName() + ")");
        for (NetdevNotifier notifier : notifiers) {
            int err = notifier.onEvent(event, dev, info);
            if (err < 0 && event.canVeto()) {
                return err;
            }
        }
        return 0;
    }
}
