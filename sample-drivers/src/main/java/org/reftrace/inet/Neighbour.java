package org.reftrace.inet;

import static org.reftrace.netdev.Dev.*;

import org.reftrace.netdev.KernelMessage;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevTracker;

/**
 * {@code struct neighbour}: an ARP or neighbour discovery entry. <b>Holds</b> its device ({@link #devTracker},
 * taken when made: {@code ___neigh_create()}). <b>Held by</b> its table (the reference it starts with) and
 * whoever created or looked it up ({@link Neigh#neighLookup}, {@link Neigh#neighCreate}). The table drops its
 * reference when the entry is deleted or its device goes down ({@link Neigh#neighIfdown}), marking it dead; the
 * last put ({@link Neigh#neighRelease}) destroys it ({@code neigh_destroy()}): the device is put and the memory
 * freed after a grace period. Destroying an entry still alive is reported and refused, as the kernel does.
 */
public final class Neighbour extends Refcounted {
    final NeighTable tbl;
    final IpAddr key;
    final NetDevice dev;
    /** {@code n->dev_tracker}. */
    final NetdevTracker devTracker = new NetdevTracker();
    private volatile String lladdr;
    private volatile boolean dead = true; // neigh_alloc(): dead until linked into the table
    private volatile boolean permanent;

    /** {@code neigh_alloc()} + {@code ___neigh_create()}: refcnt 1 (the table's), holding {@code dev}. */
    Neighbour(NeighTable tbl, IpAddr key, NetDevice dev) {
        super(dev.kernel(), 1);
        this.tbl = tbl;
        this.key = key;
        this.dev = dev;
        netdevHold(dev, devTracker);
    }

    @Override
    public String name() {
        return "neighbour(" + key + " dev " + dev.name() + ")";
    }

    /** {@code n->primary_key}. */
    public IpAddr key() {
        return key;
    }

    /** {@code n->dev}. */
    public NetDevice dev() {
        return dev;
    }

    /** {@code n->ha}, or {@code null} while unresolved. */
    public String lladdr() {
        return lladdr;
    }

    public void setLladdr(String lladdr) {
        this.lladdr = lladdr;
    }

    /** {@code NUD_PERMANENT}. */
    public boolean isPermanent() {
        return permanent;
    }

    public void setPermanent(boolean permanent) {
        this.permanent = permanent;
    }

    /** {@code n->dead}. */
    public boolean isDead() {
        return dead;
    }

    void setDead(boolean dead) {
        this.dead = dead;
    }

    /** {@code neigh_destroy()}. */
    void destroy() {
        if (!dead) {
            report(KernelMessage.Kind.WARN, "WARNING: Destroying alive neighbour " + name() + "\n"
                    + kernel().dumpStack());
            return;
        }
        netdevPut(dev, devTracker);
        kernel().rcu().callRcu(this::markFreed); // kfree_rcu()
    }
}
