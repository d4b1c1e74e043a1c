package org.reftrace.drivers;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.netdev.DeviceType;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevOps;

/**
 * {@code net/ipv6/sit.c}: an IPv6-in-IPv4 tunnel. A tunnel in the module's hash table holds a reference on
 * its own device, dropped in {@code ndo_uninit} when it leaves the table. {@link SelfRef} selects where the
 * reference is taken: 6289a98f0817 moved it into {@code ndo_init}, because register's error path calls
 * {@code ndo_uninit} too.
 */
public final class Sit implements LinkDriver {

    /** Where the tunnel takes the reference on itself. */
    public enum SelfRef {
        /** Before 6289a98f0817: in the create path, after {@code register_netdevice()} succeeded. */
        HOLD_AFTER_REGISTER,
        /** Since 6289a98f0817: in {@code ndo_init}, paired with the put in {@code ndo_uninit}. */
        HOLD_IN_INIT
    }

    private final SelfRef selfRef;
    /** The module's tunnel hash table. */
    private final List<NetDevice> tunnels = new CopyOnWriteArrayList<>();

    public Sit(SelfRef selfRef) {
        this.selfRef = selfRef;
    }

    public Sit() {
        this(SelfRef.HOLD_IN_INIT);
    }

    @Override
    public String kind() {
        return "sit";
    }

    private final NetdevOps ops = new NetdevOps() {
        /** {@code ipip6_tunnel_init()}. */
        @Override
        public int ndoInit(NetDevice dev) {
            if (selfRef == SelfRef.HOLD_IN_INIT) {
                devHold(dev);
            }
            return 0;
        }

        /** {@code ipip6_tunnel_uninit()}: leaves the table and drops the self-reference. */
        @Override
        public void ndoUninit(NetDevice dev) {
            tunnels.remove(dev);
            devPut(dev);
        }
    };

    /** {@code ipip6_tunnel_setup()}: an {@code ARPHRD_SIT} device without hardware address. */
    @Override
    public void setup(NetDevice dev) {
        dev.setNetdevOps(ops);
        dev.setType(DeviceType.SIT);
        dev.setMtu(1480, 1280, 65535 - 20);
        dev.setNeedsFreeNetdev(true);
    }

    /** {@code ipip6_newlink()} → {@code ipip6_tunnel_create()}. */
    @Override
    public int newlink(Net net, NetDevice dev, LinkAttrs attrs) {
        int err = registerNetdevice(dev);
        if (err < 0) {
            return err;
        }
        if (selfRef == SelfRef.HOLD_AFTER_REGISTER) {
            devHold(dev);
        }
        tunnels.add(dev);
        return 0;
    }

    /** Tunnels in the table. */
    public List<NetDevice> tunnels() {
        return List.copyOf(tunnels);
    }
}
