package org.reftrace.drivers;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;

/**
 * {@code drivers/net/veth.c}: devices made in pairs; deleting either deletes both. The peers point at each
 * other without holding references (the kernel uses an RCU pointer, cleared in {@code dellink}).
 */
public final class Veth implements LinkDriver {

    /** The private area: the other end. */
    public static final class VethPriv {
        volatile NetDevice peer;

        public NetDevice peer() {
            return peer;
        }
    }

    @Override
    public String kind() {
        return "veth";
    }

    @Override
    public Object createPriv(NetDevice dev) {
        return new VethPriv();
    }

    @Override
    public void setup(NetDevice dev) {
        dev.setNeedsFreeNetdev(true);
    }

    /** {@code veth_newlink()}: registers the peer (name from {@code peer}, default {@code veth%d}), then this end. */
    @Override
    public int newlink(Net net, NetDevice dev, LinkAttrs attrs) {
        String peerName = attrs.get("peer") != null ? attrs.get("peer") : "veth%d";
        NetDevice peer = allocNetdev(net, peerName, this::createPriv, this::setup);
        peer.setRtnlLinkOps(this);
        int err = registerNetdevice(peer);
        if (err < 0) {
            freeNetdev(peer);
            return err;
        }
        err = registerNetdevice(dev);
        if (err < 0) {
            unregisterNetdevice(peer); // err_register_dev: the peer is already visible
            return err;
        }
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
