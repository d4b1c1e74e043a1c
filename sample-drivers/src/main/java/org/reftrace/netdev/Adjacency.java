package org.reftrace.netdev;

import java.util.ArrayList;
import java.util.List;

/**
 * Upper/lower device linkage ({@code net/core/dev.c}, {@code netdev_adjacent}): a vlan is an upper device of its
 * real device, a bridge the master of its ports, a bond the master of its slaves. Each link is two list entries,
 * one in each device's list, and <em>each entry holds a reference on the device it points to</em>
 * ({@code __netdev_adjacent_dev_insert()} takes {@code netdev_hold(adj_dev, &adj->dev_tracker)}), dropped when the
 * link is undone. A driver must unlink its upper devices when a lower device goes away; an unregistered device
 * still linked is a {@code WARN} ({@code netdev_has_any_upper_dev()} in {@code unregister_netdevice_many()}).
 *
 * <p>Model difference: only direct neighbours are kept (the kernel also lists every indirect upper and lower device
 * for {@code netdev_walk_all_*}); nesting depth is still checked against {@code MAX_NEST_DEV}.
 */
final class Adjacency {
    /** {@code MAX_NEST_DEV}: how deep devices may stack. */
    static final int MAX_NEST_DEV = 8;

    /** {@code struct netdev_adjacent}: one entry, holding {@code dev}. */
    static final class Adjacent {
        final NetDevice dev;
        final boolean master;
        final Object priv;
        final NetdevTracker devTracker = new NetdevTracker();

        Adjacent(NetDevice dev, boolean master, Object priv) {
            this.dev = dev;
            this.master = master;
            this.priv = priv;
        }
    }

    private Adjacency() {}

    static int upperDevLink(NetDevice dev, NetDevice upper, boolean master, Object upperPriv, Object upperInfo) {
        dev.kernel.rtnl().assertRtnl(master ? "netdev_master_upper_dev_link" : "netdev_upper_dev_link");
        if (dev == upper || hasUpper(upper, dev)) {
            return -Errno.EBUSY; // a device on itself, or a loop
        }
        if (lowerLevel(dev) + upperLevel(upper) > MAX_NEST_DEV) {
            return -Errno.EMLINK;
        }
        if (!master) {
            if (hasUpper(dev, upper)) {
                return -Errno.EEXIST;
            }
        } else {
            NetDevice current = masterUpper(dev);
            if (current != null) {
                return current == upper ? -Errno.EEXIST : -Errno.EBUSY;
            }
        }
        NotifierInfo.ChangeUpper info = new NotifierInfo.ChangeUpper(upper, master, true, upperInfo);
        int ret = dev.kernel.notifiers().call(NetdevEvent.PRECHANGEUPPER, dev, info);
        if (ret < 0) {
            return ret;
        }
        insert(dev, dev.upperList, new Adjacent(upper, master, upperPriv));
        insert(upper, upper.lowerList, new Adjacent(dev, false, upperPriv));
        ret = dev.kernel.notifiers().call(NetdevEvent.CHANGEUPPER, dev, info);
        if (ret < 0) {
            unlinkNeighbour(dev, upper);
        }
        return ret;
    }

    static void upperDevUnlink(NetDevice dev, NetDevice upper) {
        dev.kernel.rtnl().assertRtnl("netdev_upper_dev_unlink");
        Adjacent entry = find(dev.upperList, upper);
        if (entry == null) {
            return;
        }
        NotifierInfo.ChangeUpper info = new NotifierInfo.ChangeUpper(upper, entry.master, false, null);
        dev.kernel.notifiers().call(NetdevEvent.PRECHANGEUPPER, dev, info);
        unlinkNeighbour(dev, upper);
        dev.kernel.notifiers().call(NetdevEvent.CHANGEUPPER, dev, info);
    }

    /** {@code __netdev_adjacent_dev_unlink_neighbour()}: both entries go, each putting its device. */
    private static void unlinkNeighbour(NetDevice dev, NetDevice upper) {
        remove(dev, dev.upperList, upper);
        remove(upper, upper.lowerList, dev);
    }

    /** {@code __netdev_adjacent_dev_insert()}: {@code owner}'s list entry holds the device it points to. */
    private static void insert(NetDevice owner, List<Adjacent> list, Adjacent entry) {
        list.add(entry);
        Dev.netdevHold(entry.dev, entry.devTracker);
    }

    /** {@code __netdev_adjacent_dev_remove()}: the entry of {@code owner}'s list goes, putting its device. */
    private static void remove(NetDevice owner, List<Adjacent> list, NetDevice adjDev) {
        Adjacent entry = find(list, adjDev);
        if (entry != null) {
            list.remove(entry);
            Dev.netdevPut(adjDev, entry.devTracker);
        }
    }

    /** {@code netdev_has_upper_dev()}: whether {@code upper} is stacked on {@code dev}, directly or not. */
    static boolean hasUpper(NetDevice dev, NetDevice upper) {
        for (Adjacent a : dev.upperList) {
            if (a.dev == upper || hasUpper(a.dev, upper)) {
                return true;
            }
        }
        return false;
    }

    /** {@code netdev_master_upper_dev_get()}. */
    static NetDevice masterUpper(NetDevice dev) {
        for (Adjacent a : dev.upperList) {
            if (a.master) {
                return a.dev;
            }
        }
        return null;
    }

    /** The private data the master gave when linking {@code lower} ({@code netdev_lower_dev_get_private()}). */
    static Object lowerPrivate(NetDevice dev, NetDevice lower) {
        Adjacent a = find(dev.lowerList, lower);
        return a == null ? null : a.priv;
    }

    static List<NetDevice> uppers(NetDevice dev) {
        List<NetDevice> out = new ArrayList<>();
        dev.upperList.forEach(a -> out.add(a.dev));
        return out;
    }

    static List<NetDevice> lowers(NetDevice dev) {
        List<NetDevice> out = new ArrayList<>();
        dev.lowerList.forEach(a -> out.add(a.dev));
        return out;
    }

    private static Adjacent find(List<Adjacent> list, NetDevice dev) {
        for (Adjacent a : list) {
            if (a.dev == dev) {
                return a;
            }
        }
        return null;
    }

    /** {@code dev->upper_level}: 1 for a device with nothing on it. */
    private static int upperLevel(NetDevice dev) {
        int level = 0;
        for (Adjacent a : dev.upperList) {
            level = Math.max(level, upperLevel(a.dev));
        }
        return level + 1;
    }

    /** {@code dev->lower_level}: 1 for a device on nothing. */
    private static int lowerLevel(NetDevice dev) {
        int level = 0;
        for (Adjacent a : dev.lowerList) {
            level = Math.max(level, lowerLevel(a.dev));
        }
        return level + 1;
    }
}
