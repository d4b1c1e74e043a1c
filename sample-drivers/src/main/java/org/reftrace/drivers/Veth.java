package org.reftrace.drivers;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.MacAddress;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevOps;
import org.reftrace.netdev.PrivFlag;

/**
 * {@code drivers/net/veth.c}: devices made in pairs; deleting either deletes both. The peers point at each
 * other without holding references (the kernel uses an RCU pointer, cleared in {@code dellink}). Each end has
 * carrier only while both ends are up, and reports its peer as its link ({@code ndo_get_iflink}), which makes its
 * carrier events urgent for linkwatch.
 *
 * <p>Attributes: {@code peer} (the peer's name), {@code peer_netns} (the peer's namespace, by name; default the
 * requester's).
 */
public final class Veth implements LinkDriver {

    /** The private area: the other end. */
    public static final class VethPriv {
        volatile NetDevice peer;

        public NetDevice peer() {
            return peer;
        }
    }

    private static final NetdevOps OPS = new NetdevOps() {
        /** {@code veth_open()}. */
        @Override
        public int ndoOpen(NetDevice dev) {
            NetDevice peer = dev.priv(VethPriv.class).peer;
            if (peer == null) {
                return -Errno.ENOTCONN;
            }
            if (peer.isUp()) {
                netifCarrierOn(dev);
                netifCarrierOn(peer);
            }
            return 0;
        }

        /** {@code veth_close()}. */
        @Override
        public void ndoStop(NetDevice dev) {
            netifCarrierOff(dev);
            NetDevice peer = dev.priv(VethPriv.class).peer;
            if (peer != null) {
                netifCarrierOff(peer);
            }
        }

        @Override
        public int ndoSetMacAddress(NetDevice dev, MacAddress addr) {
            return ethMacAddr(dev, addr);
        }

        /** {@code veth_get_iflink()}: the peer's ifindex, 0 once it is gone. */
        @Override
        public int ndoGetIflink(NetDevice dev) {
            NetDevice peer = dev.priv(VethPriv.class).peer;
            return peer == null ? 0 : peer.ifindex();
        }
    };

    @Override
    public String kind() {
        return "veth";
    }

    @Override
    public Object createPriv(NetDevice dev) {
        return new VethPriv();
    }

    /** {@code veth_setup()}. */
    @Override
    public void setup(NetDevice dev) {
        dev.setNetdevOps(OPS);
        etherSetup(dev);
        dev.setPrivFlag(PrivFlag.LIVE_ADDR_CHANGE, true);
        dev.setMtu(1500, 68, 65535);
        ethHwAddrRandom(dev);
        dev.setNeedsFreeNetdev(true);
    }

    /**
     * {@code veth_newlink()}: registers the peer (name from {@code peer}, default {@code veth%d}, in
     * {@code peer_netns} or the requester's namespace), then this end; both start without carrier.
     */
    @Override
    public int newlink(Net net, NetDevice dev, LinkAttrs attrs) {
        String peerName = attrs.get("peer") != null ? attrs.get("peer") : "veth%d";
        Net peerNet = net;
        if (attrs.get("peer_netns") != null) {
            peerNet = netnsFind(net.kernel(), attrs.get("peer_netns"));
            if (peerNet == null) {
                return -Errno.EINVAL;
            }
        }
        NetDevice peer = allocNetdev(peerNet, peerName, this::createPriv, this::setup);
        peer.setRtnlLinkOps(this);
        int err = registerNetdevice(peer);
        if (err < 0) {
            freeNetdev(peer);
            return err;
        }
        netifCarrierOff(peer);
        err = registerNetdevice(dev);
        if (err < 0) {
            unregisterNetdevice(peer); // err_register_dev: the peer is already visible
            return err;
        }
        netifCarrierOff(dev);
        dev.priv(VethPriv.class).peer = peer;
        peer.priv(VethPriv.class).peer = dev;
        return 0;
    }

    /** {@code veth_dellink()}: both ends go in the same batch. */
    @Override
    public void dellink(NetDevice dev, List<NetDevice> head) {
        NetDevice peer = dev.priv(VethPriv.class).peer;
        unregisterNetdeviceQueue(dev, head);
        dev.priv(VethPriv.class).peer = null;
        if (peer != null) {
            peer.priv(VethPriv.class).peer = null;
            unregisterNetdeviceQueue(peer, head);
        }
    }

    /** The other end of {@code dev}, or {@code null} once deleted. */
    public static NetDevice peerOf(NetDevice dev) {
        return dev.priv(VethPriv.class).peer;
    }
}
