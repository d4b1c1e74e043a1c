package org.reftrace.stack;

import static org.reftrace.inet.Sk.*;
import static org.reftrace.netdev.Dev.*;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.inet.AddressFamily;
import org.reftrace.inet.Sock;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.NetdevTracker;

/**
 * {@code net/xdp/xsk.c}: AF_XDP sockets. Binding a socket to a device's queue holds the device
 * ({@code dev_get_by_index()} in {@code xsk_bind()}) until the socket is released, or, since 455302d1c9ae, until
 * the device is unregistered ({@code xsk_notifier()} unbinds it, and the socket reports {@code ENETDOWN}).
 */
public final class Xsk implements NotifierModule {

    /** When a bound socket lets go of its device. */
    public enum Unbind {
        /** 455302d1c9ae: on {@code NETDEV_UNREGISTER}, or when the socket is released. */
        ON_UNREGISTER,
        /** Before 455302d1c9ae: only when the socket is released, so deleting the device waits for the application. */
        ON_RELEASE_ONLY
    }

    private final Set<XdpSock> bound = ConcurrentHashMap.newKeySet();
    private volatile Unbind unbind = Unbind.ON_UNREGISTER;

    @Override
    public String name() {
        return "xsk";
    }

    /** Model-only time machine: a historical bug's pre-fix behaviour, for the gallery. */
    public void setUnbind(Unbind when) {
        unbind = when;
    }

    /** {@code socket(AF_XDP, SOCK_RAW, 0)}. */
    public XdpSock socket(Net net) {
        return new XdpSock(skAlloc(net, AddressFamily.INET, "xdp"));
    }

    /** {@code xsk_notifier()}. */
    @Override
    public int onEvent(NetdevEvent event, NetDevice dev) {
        if (event == NetdevEvent.UNREGISTER && unbind == Unbind.ON_UNREGISTER) {
            for (XdpSock xs : bound) {
                if (xs.dev == dev) {
                    xs.xskUnbindDev();
                }
            }
        }
        return 0;
    }

    /** {@code struct xdp_sock}: holds its device while bound ({@link #devTracker}). */
    public final class XdpSock {
        private final Sock sk;
        private final NetdevTracker devTracker = new NetdevTracker();
        private volatile NetDevice dev;
        private volatile int queue;

        XdpSock(Sock sk) {
            this.sk = sk;
        }

        /** The socket's {@code struct sock}. */
        public Sock sock() {
            return sk;
        }

        /** The bound device, or {@code null}. */
        public NetDevice dev() {
            return dev;
        }

        /**
         * {@code xsk_bind()}: binds to {@code devName}'s queue {@code queue}, holding the device. Returns 0,
         * {@code -ENODEV} or {@code -EBUSY} (already bound).
         */
        public int xskBind(String devName, int queueId) {
            if (dev != null) {
                return -Errno.EBUSY;
            }
            NetDevice found = netdevGetByName(sk.net(), devName, devTracker);
            if (found == null) {
                return -Errno.ENODEV;
            }
            dev = found;
            queue = queueId;
            bound.add(this);
            return 0;
        }

        /** {@code xsk_unbind_dev()}: lets go of the device. */
        void xskUnbindDev() {
            NetDevice was = dev;
            if (was != null && bound.remove(this)) {
                dev = null;
                netdevPut(was, devTracker);
            }
        }

        /** {@code xsk_release()}: {@code close(fd)}. */
        public void xskRelease() {
            xskUnbindDev();
            sockOrphan(sk);
            sockPut(sk);
        }

        @Override
        public String toString() {
            return "xdp_sock(" + (dev != null ? dev.name() + " queue " + queue : "unbound") + ")";
        }
    }
}
