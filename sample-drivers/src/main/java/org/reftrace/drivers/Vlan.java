package org.reftrace.drivers;

import static org.reftrace.netdev.Dev.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reftrace.netdev.AddrAssignType;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.ExtAck;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.Kmem;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.MacAddress;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.NetdevNotifier;
import org.reftrace.netdev.NetdevOps;
import org.reftrace.netdev.NetdevTracker;
import org.reftrace.netdev.PrivFlag;
import org.reftrace.netdev.RegState;

/**
 * {@code net/8021q}: a VLAN device holds a reference on its real device for as long as it exists and is linked
 * to it as an upper device; when the real device is unregistered its VLANs are unregistered with it, in one
 * batch. A real device merely changing namespace is left alone ({@code vlan_device_event()} acts on
 * {@code NETDEV_UNREGISTER} only for a device that is {@code NETREG_UNREGISTERING}). The real device's carrier,
 * up/down state and MTU follow onto its VLANs.
 *
 * <p>Where the reference is taken and dropped changed twice in kernel history; {@link RealDevRef} selects the
 * era, so the gallery can run the two bugs that came of it.
 *
 * <p>Attributes: {@code id} (1..4094, required), {@code protocol} ({@code 802.1Q} or {@code 802.1ad}),
 * {@code loose_binding}, {@code bridge_binding}, {@code reorder_hdr}, {@code gvrp}, {@code mvrp} ({@code on|off}).
 */
public final class Vlan implements UpperLinkDriver {

    /** Where the VLAN takes and drops its reference on the real device. */
    public enum RealDevRef {
        /** 563bcbae3ba2..01d9cc2dea3f: held after a successful register, put in the priv destructor, which a
         *  failed register also runs: a put without a hold. */
        HOLD_AFTER_REGISTER_PUT_IN_DESTRUCTOR,
        /** 01d9cc2dea3f..d6ff94afd90b: held in ndo_init, put in the priv destructor, which runs only after this
         *  device's own wait: stacked VLANs hang with in-order completion. */
        HOLD_IN_INIT_PUT_IN_DESTRUCTOR,
        /** Since d6ff94afd90b: held in ndo_init, put in ndo_uninit, before any wait. */
        HOLD_IN_INIT_PUT_IN_UNINIT
    }

    /** {@code VLAN_VID_MASK}: ids are 0..4094. */
    static final int VLAN_VID_MASK = 0xfff;
    /** {@code VLAN_N_VID}. */
    static final int VLAN_N_VID = 4096;

    /** {@code struct vlan_dev_priv}: the VLAN's id, its real device and the reference it holds on it. */
    public static final class VlanDev {
        int vlanId;
        String protocol = "802.1Q";
        NetDevice realDev;
        final NetdevTracker devTracker = new NetdevTracker();
        Kmem.Allocation egressPriorityMap;
        boolean looseBinding;
        boolean bridgeBinding;

        VlanDev(NetDevice realDev, int vlanId) {
            this.realDev = realDev;
            this.vlanId = vlanId;
        }

        public NetDevice realDev() {
            return realDev;
        }

        public int vlanId() {
            return vlanId;
        }

        public String protocol() {
            return protocol;
        }
    }

    private final RealDevRef realDevRef;
    /** {@code real_dev->vlan_info}: the VLANs on each real device; changed under rtnl. */
    private final Map<NetDevice, List<NetDevice>> vlansByRealDev = new ConcurrentHashMap<>();
    private final NetdevNotifier notifier = this::vlanDeviceEvent;

    public Vlan(RealDevRef realDevRef) {
        this.realDevRef = realDevRef;
    }

    /** The current driver. */
    public Vlan() {
        this(RealDevRef.HOLD_IN_INIT_PUT_IN_UNINIT);
    }

    @Override
    public String name() {
        return "8021q";
    }

    @Override
    public String kind() {
        return "vlan";
    }

    @Override
    public NetdevNotifier lowerDeviceNotifier() {
        return notifier;
    }

    /**
     * {@code vlan_cleanup_module()}: {@code vlan_netlink_fini()} (every VLAN deleted) comes before
     * {@code unregister_netdevice_notifier()}.
     */
    @Override
    public void exit(Kernel kernel) {
        rtnlLinkUnregister(kernel, this);
        unregisterNetdeviceNotifier(kernel, lowerDeviceNotifier());
    }

    private final NetdevOps ops = new NetdevOps() {
        /** {@code vlan_dev_init()}: no carrier yet; the real device's address unless one was given. */
        @Override
        public int ndoInit(NetDevice dev) {
            VlanDev vlan = dev.priv(VlanDev.class);
            netifCarrierOff(dev);
            if (!dev.devAddr().isValidEther() && vlan.realDev != null) {
                devAddrSet(dev, vlan.realDev.devAddr());
                stolen(dev);
            }
            if (realDevRef != RealDevRef.HOLD_AFTER_REGISTER_PUT_IN_DESTRUCTOR) {
                netdevHold(vlan.realDev, vlan.devTracker);
            }
            return 0;
        }

        /** {@code vlan_dev_uninit()}. */
        @Override
        public void ndoUninit(NetDevice dev) {
            if (realDevRef == RealDevRef.HOLD_IN_INIT_PUT_IN_UNINIT) {
                VlanDev vlan = dev.priv(VlanDev.class);
                netdevPut(vlan.realDev, vlan.devTracker);
            }
        }

        /** {@code vlan_dev_open()}: -ENETDOWN while the real device is down, unless loosely bound. */
        @Override
        public int ndoOpen(NetDevice dev) {
            VlanDev vlan = dev.priv(VlanDev.class);
            if (!vlan.realDev.isUp() && !vlan.looseBinding) {
                return -Errno.ENETDOWN;
            }
            if (netifCarrierOk(vlan.realDev) && !vlan.bridgeBinding) {
                netifCarrierOn(dev);
            }
            return 0;
        }

        /** {@code vlan_dev_stop()}. */
        @Override
        public void ndoStop(NetDevice dev) {
            if (!dev.priv(VlanDev.class).bridgeBinding) {
                netifCarrierOff(dev);
            }
        }

        /** {@code vlan_dev_set_mac_address()}. */
        @Override
        public int ndoSetMacAddress(NetDevice dev, MacAddress addr) {
            if (!addr.isValidEther()) {
                return -Errno.EADDRNOTAVAIL;
            }
            devAddrSet(dev, addr);
            return 0;
        }

        /** {@code vlan_dev_change_mtu()}: never above the real device's. */
        @Override
        public int ndoChangeMtu(NetDevice dev, int newMtu) {
            if (newMtu > dev.priv(VlanDev.class).realDev.mtu()) {
                return -Errno.ERANGE;
            }
            return NetdevOps.NONE.ndoChangeMtu(dev, newMtu);
        }

        /** {@code vlan_dev_get_iflink()}: the real device. */
        @Override
        public int ndoGetIflink(NetDevice dev) {
            return dev.priv(VlanDev.class).realDev.ifindex();
        }
    };

    private static void stolen(NetDevice dev) {
        dev.setAddrAssignType(AddrAssignType.STOLEN);
    }

    /** {@code vlan_setup()}. */
    @Override
    public void setup(NetDevice dev) {
        dev.setNetdevOps(ops);
        etherSetup(dev);
        dev.setPrivFlag(PrivFlag.VLAN_802_1Q, true);
        dev.setPrivFlag(PrivFlag.NO_QUEUE, true);
        dev.setMtu(1500, 0, 65535);
        dev.setNeedsFreeNetdev(true);
    }

    /** {@code vlan_dev_free()}: the priv destructor. */
    private void vlanDevFree(NetDevice dev) {
        VlanDev vlan = dev.priv(VlanDev.class);
        vlan.egressPriorityMap.kfree();
        if (realDevRef != RealDevRef.HOLD_IN_INIT_PUT_IN_UNINIT) {
            netdevPut(vlan.realDev, vlan.devTracker);
        }
    }

    /** {@code vlan_newlink()}: {@code ip link add link REAL name NAME type vlan id ID}. */
    @Override
    public int newlink(Net net, NetDevice dev, LinkAttrs attrs) {
        int err = configure(net, dev, attrs);
        return err != 0 ? err : registerVlanDev(dev);
    }

    private int configure(Net net, NetDevice dev, LinkAttrs attrs) {
        if (attrs.link() == null) {
            ExtAck.set("link not specified");
            return -Errno.EINVAL;
        }
        NetDevice realDev = __devGetByName(net, attrs.link());
        if (realDev == null) {
            ExtAck.set("link does not exist");
            return -Errno.ENODEV;
        }
        int id;
        try {
            id = Integer.parseInt(attrs.get("id"));
        } catch (NumberFormatException e) {
            return -Errno.EINVAL;
        }
        if (id < 0 || id >= VLAN_VID_MASK) {
            ExtAck.set("Invalid VLAN id");
            return -Errno.ERANGE;
        }
        String protocol = attrs.get("protocol") == null ? "802.1Q" : attrs.get("protocol");
        if (!protocol.equalsIgnoreCase("802.1Q") && !protocol.equalsIgnoreCase("802.1ad")) {
            ExtAck.set("Invalid VLAN protocol");
            return -Errno.EPROTONOSUPPORT;
        }
        if (findVlan(realDev, protocol, id) != null) {
            ExtAck.set("VLAN device already exists"); // vlan_check_real_dev()
            return -Errno.EEXIST;
        }
        int maxMtu = realDev.mtu();
        if (attrs.mtu() == 0) {
            dev.setMtu(maxMtu);
        } else if (attrs.mtu() > maxMtu) {
            return -Errno.EINVAL;
        }
        VlanDev vlan = dev.priv(VlanDev.class);
        vlan.realDev = realDev;
        vlan.vlanId = id;
        vlan.protocol = protocol.equalsIgnoreCase("802.1ad") ? "802.1ad" : "802.1Q";
        return changelinkFlags(vlan, attrs);
    }

    /** {@code vlan_changelink()}: the binding flags. */
    @Override
    public int changelink(NetDevice dev, LinkAttrs attrs) {
        if (attrs.get("id") != null && Integer.parseInt(attrs.get("id")) != dev.priv(VlanDev.class).vlanId) {
            return -Errno.EOPNOTSUPP; // the id of an existing vlan cannot change
        }
        return changelinkFlags(dev.priv(VlanDev.class), attrs);
    }

    private static int changelinkFlags(VlanDev vlan, LinkAttrs attrs) {
        for (String flag : List.of("loose_binding", "bridge_binding", "reorder_hdr", "gvrp", "mvrp")) {
            String value = attrs.get(flag);
            if (value == null) {
                continue;
            }
            if (!value.equals("on") && !value.equals("off")) {
                return -Errno.EINVAL;
            }
            if (flag.equals("loose_binding")) {
                vlan.looseBinding = value.equals("on");
            } else if (flag.equals("bridge_binding")) {
                vlan.bridgeBinding = value.equals("on");
            }
        }
        return 0;
    }

    /** The private area, filled in by {@code newlink} once the real device is known. */
    @Override
    public Object createPriv(NetDevice dev) {
        return new VlanDev(null, 0);
    }

    /** {@code register_vlan_dev()}: registers, links as an upper device of the real device, takes its carrier. */
    int registerVlanDev(NetDevice dev) {
        VlanDev vlan = dev.priv(VlanDev.class);
        vlan.egressPriorityMap = dev.kernel().kmem().kmalloc("vlan egress priority map " + dev.name());
        dev.setPrivDestructor(this::vlanDevFree); // the state it frees exists from here on
        int err = registerNetdevice(dev);
        if (err < 0) {
            return err;
        }
        err = netdevUpperDevLink(vlan.realDev, dev);
        if (err < 0) {
            unregisterNetdevice(dev); // out_unregister_netdev
            return err;
        }
        if (realDevRef == RealDevRef.HOLD_AFTER_REGISTER_PUT_IN_DESTRUCTOR) {
            netdevHold(vlan.realDev, vlan.devTracker); // "account for reference in struct vlan_dev_priv"
        }
        vlansByRealDev.computeIfAbsent(vlan.realDev, d -> new CopyOnWriteArrayList<>()).add(dev);
        netifStackedTransferOperstate(vlan.realDev, dev);
        return 0;
    }

    /**
     * {@code register_vlan_device()}, the ioctl path, after the seed's series: on failure the device is simply
     * freed, whatever state the failed registration left it in.
     */
    public int registerVlanDevice(NetDevice realDev, int vlanId) {
        Kernel kernel = realDev.kernel();
        kernel.rtnl().assertRtnl("register_vlan_device");
        NetDevice dev = allocNetdev(realDev.net(), realDev.name() + "." + vlanId, d -> new VlanDev(realDev, vlanId),
                this::setup);
        dev.setRtnlLinkOps(this);
        int err = registerVlanDev(dev);
        if (err < 0) {
            freeNetdev(dev);
        }
        return err;
    }

    /** {@code unregister_vlan_dev()} = {@code dellink}: leaves the group, unlinks, queues the device. */
    @Override
    public void dellink(NetDevice dev, List<NetDevice> head) {
        VlanDev vlan = dev.priv(VlanDev.class);
        List<NetDevice> siblings = vlansByRealDev.get(vlan.realDev);
        if (siblings != null) {
            siblings.remove(dev);
            if (siblings.isEmpty()) {
                vlansByRealDev.remove(vlan.realDev);
            }
        }
        netdevUpperDevUnlink(vlan.realDev, dev);
        unregisterNetdeviceQueue(dev, head);
    }

    /**
     * {@code vlan_device_event()}: the real device's changes follow onto its VLANs: carrier
     * ({@code NETDEV_CHANGE}), up (VLANs come up unless loosely bound) and down (they go down), a smaller MTU; a
     * real device going away takes its VLANs with it in one batch, one merely changing namespace does not.
     */
    private int vlanDeviceEvent(NetdevEvent event, NetDevice dev) {
        List<NetDevice> vlans = vlansByRealDev.get(dev);
        if (vlans == null) {
            return 0; // also what makes the rebroadcast harmless
        }
        switch (event) {
            case CHANGE -> vlans.forEach(v -> vlanStackedTransferOperstate(dev, v));
            case UP -> {
                for (NetDevice v : vlans) {
                    if (!v.isUp() && !v.priv(VlanDev.class).looseBinding) {
                        devOpen(v);
                    }
                    vlanStackedTransferOperstate(dev, v);
                }
            }
            case DOWN -> {
                for (NetDevice v : vlans) {
                    if (v.isUp() && !v.priv(VlanDev.class).looseBinding) {
                        devClose(v);
                    }
                    vlanStackedTransferOperstate(dev, v);
                }
            }
            case CHANGEMTU -> vlans.stream().filter(v -> v.mtu() > dev.mtu()).forEach(v -> devSetMtu(v, dev.mtu()));
            case UNREGISTER -> {
                if (dev.regState() != RegState.UNREGISTERING) {
                    return 0; // "twiddle thumbs on netns device moves"
                }
                List<NetDevice> batch = new ArrayList<>();
                for (NetDevice vlanDev : List.copyOf(vlans)) {
                    dellink(vlanDev, batch);
                }
                unregisterNetdeviceMany(batch);
            }
            default -> { }
        }
        return 0;
    }

    private static void vlanStackedTransferOperstate(NetDevice realDev, NetDevice vlanDev) {
        if (!vlanDev.priv(VlanDev.class).bridgeBinding) {
            netifStackedTransferOperstate(realDev, vlanDev);
        }
    }

    private NetDevice findVlan(NetDevice realDev, String protocol, int id) {
        for (NetDevice v : vlansByRealDev.getOrDefault(realDev, List.of())) {
            VlanDev p = v.priv(VlanDev.class);
            if (p.vlanId == id && p.protocol.equalsIgnoreCase(protocol)) {
                return v;
            }
        }
        return null;
    }

    /** The VLANs on {@code realDev}, for tests. */
    public List<NetDevice> vlansOn(NetDevice realDev) {
        return List.copyOf(vlansByRealDev.getOrDefault(realDev, List.of()));
    }
}
