package org.reftrace.stack;

import static org.reftrace.netdev.Dev.*;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.inet.AddressFamily;
import org.reftrace.inet.Sk;
import org.reftrace.inet.Sock;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.NetdevTracker;

/**
 * {@code net/packet/af_packet.c}: a socket bound to a device holds it; {@code packet_notifier()} unbinds every
 * socket of a dying device. Each socket has its own tracker (unless a buggy caller shares one). Its
 * {@link Sock} is made on first bind and put when the socket is closed ({@code packet_release()}).
 */
public final class PacketSocket {
    private final Family family;
    private final NetdevTracker tracker;
    private volatile NetDevice boundDev;
    private volatile Sock sk;

    /** The address family: the sockets and the notifier that unbinds them. */
    public static final class Family implements NotifierModule {
        private final Set<PacketSocket> bound = ConcurrentHashMap.newKeySet();

        @Override
        public String name() {
            return "af_packet";
        }

        /** {@code socket(AF_PACKET, ...)} with its own tracker. */
        public PacketSocket socket() {
            return new PacketSocket(this, new NetdevTracker());
        }

        /** A socket that stores its reference in {@code tracker}, which the caller may (wrongly) share. */
        public PacketSocket socket(NetdevTracker tracker) {
            return new PacketSocket(this, tracker);
        }

        /** {@code packet_notifier()}. */
        @Override
        public int onEvent(NetdevEvent event, NetDevice dev) {
            if (event == NetdevEvent.UNREGISTER) {
                for (PacketSocket socket : bound) {
                    if (socket.boundDev == dev) {
                        socket.unbind();
                    }
                }
            }
            return 0;
        }
    }

    private PacketSocket(Family family, NetdevTracker tracker) {
        this.family = family;
        this.tracker = tracker;
    }

    /** {@code packet_do_bind()}: holds {@code dev} while bound. */
    public void bind(NetDevice dev) {
        if (sk == null) {
            sk = Sk.skAlloc(dev.net(), AddressFamily.INET, "packet"); // packet_create()
        }
        unbind();
        netdevHold(dev, tracker);
        boundDev = dev;
        family.bound.add(this);
    }

    /** {@code packet_release()}: unbinds and drops the socket's reference on its {@code sock}. */
    public void close() {
        unbind();
        Sock own = sk;
        sk = null;
        if (own != null) {
            Sk.sockOrphan(own);
            Sk.sockPut(own);
        }
    }

    /** The socket's {@code struct sock}, or {@code null} before the first bind or after close. */
    public Sock sock() {
        return sk;
    }

    public NetDevice boundDev() {
        return boundDev;
    }

    private synchronized void unbind() {
        NetDevice dev = boundDev;
        if (dev != null) {
            boundDev = null;
            family.bound.remove(this);
            netdevPut(dev, tracker);
        }
    }
}
