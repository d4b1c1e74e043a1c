package org.reftrace.inet;

import static org.reftrace.netdev.Dev.*;

import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevTracker;

/**
 * {@code struct dst_entry}: a routing decision, the thing packets and sockets hold. <b>Holds</b> its output
 * device ({@link #devTracker}, taken when made: {@code dst_init()}); IPv6 entries also hold an {@link Inet6Dev}
 * ({@link Rt6Info}). <b>Held by</b> whoever made or looked it up (it starts with one reference), the route caches
 * of nexthops ({@link FibNhCommon}), sockets ({@link Sock#dstCache}), flow tables and tunnel states'
 * route caches ({@link LwtunnelState}); a dst made from a route with an encapsulation holds that
 * {@link LwtunnelState}. The last put
 * ({@link Dst#dstRelease}) frees it after an RCU grace period: {@code dst_destroy()} runs the family's destroy
 * hook and puts the device. When its device goes away it is pointed at the namespace's loopback device
 * ({@link Dst#dstDevPut}, {@code rt_flush_dev()}), so a dst that is never released pins {@code lo}: the classic
 * {@code waiting for lo to become free}.
 *
 * <p>Differs: kernels since v5.4 point dead dsts at {@code blackhole_netdev}, which is never unregistered; the
 * model keeps the earlier {@code loopback_dev}, whose wait makes such leaks visible.
 */
public class DstEntry extends Refcounted {
    /** {@code DST_OBSOLETE_DEAD}: the entry must not be used any more. */
    public static final int DST_OBSOLETE_DEAD = 2;

    private volatile NetDevice dev;
    /** {@code dst->dev_tracker}. */
    final NetdevTracker devTracker = new NetdevTracker();
    private final IpAddr daddr;
    private volatile int obsolete;
    private volatile LwtunnelState lwtstate;
    /** The uncached list the entry is on ({@code dst->rt_uncached}), or {@code null}. */
    volatile UncachedList uncached;

    /** {@code dst_alloc()} + {@code dst_init()}: refcnt 1 (the caller's), holding {@code dev}. */
    protected DstEntry(NetDevice dev, IpAddr daddr) {
        super(dev.kernel(), 1);
        this.dev = dev;
        this.daddr = daddr;
        netdevHold(dev, devTracker);
    }

    @Override
    public String name() {
        return "dst(" + dev.name() + ")";
    }

    /** The device the dst sends through now ({@code dst->dev}); {@code lo} once its own device went away. */
    public NetDevice dev() {
        return dev;
    }

    /** The destination it was made for. */
    public IpAddr daddr() {
        return daddr;
    }

    /** {@code dst->lwtstate}: the route's encapsulation, or {@code null}. */
    public LwtunnelState lwtstate() {
        return lwtstate;
    }

    /** {@code dst->lwtstate = lwtstate_get(lws)}: the dst holds its route's encapsulation. */
    public void setLwtstate(LwtunnelState lws) {
        LwtunnelState old = lwtstate;
        lwtstate = Lwtunnel.lwtstateGet(lws);
        Lwtunnel.lwtstatePut(old);
    }

    /** {@code dst->obsolete}. */
    public int obsolete() {
        return obsolete;
    }

    /** {@code dst->ops->destroy()}: the family's part of {@code dst_destroy()}; nothing by default. */
    protected void opsDestroy() {}

    /** {@code dst->ops->ifdown()}: the family's part of {@code dst_dev_put()}; nothing by default. */
    protected void opsIfdown(NetDevice goingAway) {}

    /** {@code dst_destroy()}. */
    final void destroy() {
        UncachedList list = uncached;
        if (list != null) {
            list.del(this); // rt_del_uncached_list() / rt6_uncached_list_del()
        }
        opsDestroy();
        netdevPut(dev, devTracker);
        LwtunnelState lws = lwtstate;
        lwtstate = null;
        Lwtunnel.lwtstatePut(lws);
        markFreed();
    }

    /** {@code dst_dev_put()}: obsolete the entry and move it to the loopback device. */
    final void devPut() {
        obsolete = DST_OBSOLETE_DEAD;
        NetDevice old = dev;
        opsIfdown(old);
        replaceDev(old.net().loopback());
    }

    /** {@code netdev_ref_replace(dev, to, &dst->dev_tracker)}: the dst now holds {@code to} instead. */
    final void replaceDev(NetDevice to) {
        NetDevice old = dev;
        if (old == to) {
            return;
        }
        netdevPut(old, devTracker);
        dev = to;
        netdevHold(to, devTracker);
    }
}
