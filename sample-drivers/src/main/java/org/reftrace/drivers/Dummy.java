package org.reftrace.drivers;

import static org.reftrace.netdev.Dev.*;

import org.reftrace.netdev.IfFlag;
import org.reftrace.netdev.Kmem;
import org.reftrace.netdev.MacAddress;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevOps;
import org.reftrace.netdev.PrivFlag;

/**
 * {@code drivers/net/dummy.c}: a device that drops what it is sent, in both of the kernel's driver shapes: the
 * rtnl_link shape ({@code ip link add type dummy}, freed by the core) and the simple probe/remove shape of a
 * driver that owns its device outside rtnl.
 */
public final class Dummy implements LinkDriver {

    /** The private area: per-device statistics allocated in {@code ndo_init}, freed in {@code ndo_uninit}. */
    public static final class DummyPriv {
        Kmem.Allocation stats;
    }

    private static final NetdevOps OPS = new NetdevOps() {
        @Override
        public int ndoInit(NetDevice dev) {
            dev.priv(DummyPriv.class).stats = dev.kernel().kmem().kmalloc("dummy stats " + dev.name());
            return 0;
        }

        @Override
        public void ndoUninit(NetDevice dev) {
            dev.priv(DummyPriv.class).stats.kfree();
        }

        @Override
        public int ndoSetMacAddress(NetDevice dev, MacAddress addr) {
            return ethMacAddr(dev, addr);
        }

        /** {@code dummy_change_carrier()}. */
        @Override
        public int ndoChangeCarrier(NetDevice dev, boolean on) {
            if (on) {
                netifCarrierOn(dev);
            } else {
                netifCarrierOff(dev);
            }
            return 0;
        }
    };

    private final int numdummies;

    /** The module with {@code numdummies} = {@code numdummies}: that many {@code dummy%d} devices at load. */
    public Dummy(int numdummies) {
        this.numdummies = numdummies;
    }

    /** The module loaded as with {@code numdummies=0}: the link type only. The kernel's default is 1. */
    public Dummy() {
        this(0);
    }

    @Override
    public String kind() {
        return "dummy";
    }

    /** {@code dummy_init_module()}: the link type, then {@code numdummies} devices ({@code dummy_init_one()}). */
    @Override
    public int init(org.reftrace.netdev.Kernel kernel) {
        int err = LinkDriver.super.init(kernel);
        for (int i = 0; err == 0 && i < numdummies; i++) {
            err = rtnlNewlink(kernel.initNet(), "dummy", org.reftrace.netdev.LinkAttrs.named("dummy%d"));
        }
        return err;
    }

    @Override
    public Object createPriv(NetDevice dev) {
        return new DummyPriv();
    }

    /**
     * {@code dummy_setup()}: an Ethernet device without ARP or multicast, whose address may change while up, with
     * a random address and no MTU limit; the core frees devices made through rtnetlink. It never touches its
     * carrier, so its operational state stays {@code UNKNOWN}.
     */
    @Override
    public void setup(NetDevice dev) {
        common(dev);
        dev.setNeedsFreeNetdev(true);
    }

    private static void common(NetDevice dev) {
        dev.setNetdevOps(OPS);
        etherSetup(dev);
        dev.setFlag(IfFlag.NOARP, true);
        dev.setFlag(IfFlag.MULTICAST, false);
        dev.setPrivFlag(PrivFlag.LIVE_ADDR_CHANGE, true);
        dev.setPrivFlag(PrivFlag.NO_QUEUE, true);
        ethHwAddrRandom(dev);
        dev.setMtu(1500, 0, 0);
    }

    /**
     * The simple shape's probe: allocate, set up everything, {@code register_netdev()}; on failure undo and
     * {@code free_netdev()}. Returns the live device, or {@code null} after a failure.
     */
    public static NetDevice probe(Net net, String name) {
        NetDevice dev = allocNetdev(net, name, d -> new DummyPriv(), Dummy::common);
        if (registerNetdev(dev) != 0) {
            freeNetdev(dev);
            return null;
        }
        return dev;
    }

    /** The simple shape's remove: {@code unregister_netdev()} (waits for every reference), then free. */
    public static void remove(NetDevice dev) {
        unregisterNetdev(dev);
        freeNetdev(dev);
    }
}
