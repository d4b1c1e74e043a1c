package org.reftrace.drivers;

import java.util.function.Consumer;
import org.reftrace.netdev.DelayedWork;
import org.reftrace.netdev.Kmem;
import org.reftrace.netdev.MacAddress;
import org.reftrace.netdev.NetDevice;

/**
 * {@code struct slave}: one enslaved device. It holds no reference of its own: the master link's adjacency
 * entries hold both devices. Its memory ({@code bond_alloc_slave()}) goes with its kobject at release.
 *
 * <p>Guarded by rtnl, read by the monitors, as in the kernel.
 */
final class BondSlave {
    /** {@code BOND_LINK_*}. */
    enum Link { UP, FAIL, DOWN, BACK }

    final NetDevice dev;
    final NetDevice bondDev;
    final Kmem.Allocation memory;
    /** {@code perm_hwaddr}: restored at release. */
    MacAddress permHwaddr;
    int originalMtu;
    volatile Link link = Link.DOWN;
    /** {@code new_link}: what the monitor's inspection found, committed under rtnl. */
    Link newLink;
    /** Monitor ticks left before an up/down delay expires. */
    int delay;
    /** {@code backup}: not the active slave of a mode that uses one. */
    volatile boolean backup;
    /** {@code notify_work}: tells the chain the slave's state changed; retried while rtnl is busy. */
    final DelayedWork notifyWork;

    BondSlave(NetDevice dev, NetDevice bondDev, Consumer<BondSlave> notify) {
        this.dev = dev;
        this.bondDev = bondDev;
        this.memory = dev.kernel().kmem().kmalloc("bond slave " + dev.name() + " of " + bondDev.name());
        this.notifyWork = new DelayedWork(w -> notify.accept(this));
    }
}
