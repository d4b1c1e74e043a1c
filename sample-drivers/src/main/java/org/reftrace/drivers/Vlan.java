package org.reftrace.drivers;

import static org.reftrace.netdev.Dev.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.Kmem;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;
import org.reftrace.netdev.NetdevNotifier;
import org.reftrace.netdev.NetdevOps;
import org.reftrace.netdev.NetdevTracker;

/**
 * {@code net/8021q}: a VLAN device holds a reference on its real device for as long as it exists, and when
 * the real device is unregistered its VLANs are unregistered with it, in one batch.
 *
 * <p>Where the reference is taken and dropped changed twice in kernel history; {@link RealDevRef} selects
 * the era, so the gallery can run the two bugs that came of it.
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

    /** {@code struct vlan_dev_priv}: the VLAN's id, its real device and the reference it holds on it. */
    public static final class VlanDev {
        int vlanId;
        NetDevice realDev;
        final NetdevTracker devTracker = new NetdevTracker();
        Kmem.Allocation egressPriorityMap;

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

    private final NetdevOps ops = new NetdevOps() {
        /** {@code vlan_dev_init()}. */
        @Override
        public int ndoInit(NetDevice dev) {
            if (realDevRef != RealDevRef.HOLD_AFTER_REGISTER_PUT_IN_DESTRUCTOR) {
                VlanDev vlan = dev.priv(VlanDev.class);
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
    };

    /** {@code vlan_setup()}. */
    @Override
    public void setup(NetDevice dev) {
        dev.setNetdevOps(ops);
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
        NetDevice realDev = attrs.link() == null ? null : __devGetByName(net, attrs.link());
        if (realDev == null) {
            return -Errno.ENODEV;
        }
        int id;
        try {
            id = Integer.parseInt(attrs.get("id"));
        } catch (NumberFormatException e) {
            return -Errno.EINVAL;
        }
        VlanDev vlan = dev.priv(VlanDev.class);
        vlan.realDev = realDev;
        vlan.vlanId = id;
        return 0;
    }

    /** The private area, filled in by {@code newlink} once the real device is known. */
    @Override
    public Object createPriv(NetDevice dev) {
        return new VlanDev(null, 0);
    }

    /** {@code register_vlan_dev()}. */
    int registerVlanDev(NetDevice dev) {
        VlanDev vlan = dev.priv(VlanDev.class);
        vlan.egressPriorityMap = dev.kernel().kmem().kmalloc("vlan egress priority map " + dev.name());
        dev.setPrivDestructor(this::vlanDevFree); // the state it frees exists from here on
        int err = registerNetdevice(dev);
        if (err < 0) {
            return err;
        }
        if (realDevRef == RealDevRef.HOLD_AFTER_REGISTER_PUT_IN_DESTRUCTOR) {
            netdevHold(vlan.realDev, vlan.devTracker); // "account for reference in struct vlan_dev_priv"
        }
        vlansByRealDev.computeIfAbsent(vlan.realDev, d -> new ArrayList<>()).add(dev);
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

    /** {@code unregister_vlan_dev()} = {@code dellink}. */
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
        unregisterNetdeviceQueue(dev, head);
    }

    /** {@code vlan_device_event()}: a real device going away takes its VLANs with it, in one batch. */
    private int vlanDeviceEvent(NetdevEvent event, NetDevice dev) {
        if (event != NetdevEvent.UNREGISTER) {
            return 0;
        }
        List<NetDevice> vlans = vlansByRealDev.get(dev);
        if (vlans == null) {
            return 0; // also what makes the rebroadcast harmless
        }
        List<NetDevice> batch = new ArrayList<>();
        for (NetDevice vlanDev : List.copyOf(vlans)) {
            dellink(vlanDev, batch);
        }
        unregisterNetdeviceMany(batch);
        return 0;
    }

    /** The VLANs on {@code realDev}, for tests. */
    public List<NetDevice> vlansOn(NetDevice realDev) {
        return List.copyOf(vlansByRealDev.getOrDefault(realDev, List.of()));
    }
}
