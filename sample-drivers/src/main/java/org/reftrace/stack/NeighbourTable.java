package org.reftrace.stack;

import static org.reftrace.inet.Neigh.*;

import java.util.Optional;
import org.reftrace.inet.AddressFamily;
import org.reftrace.inet.IpAddr;
import org.reftrace.inet.NeighTable;
import org.reftrace.inet.Neighbour;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;

/**
 * {@code net/core/neighbour.c} with {@code net/ipv4/arp.c} and {@code net/ipv6/ndisc.c}'s tables: neighbour
 * entries ({@link Neighbour}) are refcounted and each holds its device until destroyed. When a device goes down
 * or away ({@code neigh_ifdown()}) the table drops its references on the device's entries; an entry someone else
 * still holds keeps the device until that holder releases it.
 */
public final class NeighbourTable implements NotifierModule {
    private final NeighTable arpTbl = new NeighTable("arp_cache", AddressFamily.INET);
    private final NeighTable ndTbl = new NeighTable("ndisc_cache", AddressFamily.INET6);

    @Override
    public String name() {
        return "neigh";
    }

    /** {@code arp_tbl}. */
    public NeighTable arpTbl() {
        return arpTbl;
    }

    /** {@code nd_tbl}. */
    public NeighTable ndTbl() {
        return ndTbl;
    }

    /**
     * {@code __neigh_lookup(tbl, addr, dev, creat=1)}, as {@code neigh_resolve_output()} uses it: the entry for
     * {@code address} on {@code dev} (made if missing), with a reference the caller must release
     * ({@link org.reftrace.inet.Neigh#neighRelease}).
     */
    public Neighbour lookup(NetDevice dev, String address) {
        IpAddr key = IpAddr.of(address);
        return __neighLookup(table(key.family()), key, dev, true);
    }

    /**
     * {@code neigh_add()} ({@code ip neigh add ADDR lladdr LLADDR dev DEV}): a permanent entry; one netlink
     * request, under rtnl. Returns 0, {@code -EINVAL}, {@code -ENODEV} or {@code -EEXIST}.
     */
    public int neighAdd(Net net, String address, String lladdr, String devName) {
        Optional<IpAddr> key = IpAddr.parse(address);
        if (key.isEmpty() || lladdr == null) {
            return -Errno.EINVAL;
        }
        return RtnlRequest.onDevice(net, devName, dev -> dev, dev -> {
            NeighTable tbl = table(key.get().family());
            Neighbour existing = neighLookup(tbl, key.get(), dev);
            if (existing != null) {
                neighRelease(existing);
                return -Errno.EEXIST; // NLM_F_EXCL
            }
            Neighbour n = neighCreate(tbl, key.get(), dev);
            n.setLladdr(lladdr);
            n.setPermanent(true);
            neighRelease(n); // the table keeps its own reference
            return 0;
        });
    }

    /**
     * {@code neigh_delete()} ({@code ip neigh del ADDR dev DEV}): returns 0, {@code -EINVAL}, {@code -ENODEV} or
     * {@code -ENOENT}.
     */
    public int neighDelete(Net net, String address, String devName) {
        Optional<IpAddr> key = IpAddr.parse(address);
        if (key.isEmpty()) {
            return -Errno.EINVAL;
        }
        return RtnlRequest.onDevice(net, devName, dev -> dev, dev -> {
            Neighbour n = neighLookup(table(key.get().family()), key.get(), dev);
            if (n == null) {
                return -Errno.ENOENT;
            }
            neighRemoveOne(n);
            neighRelease(n);
            return 0;
        });
    }

    /** {@code arp_ifdown()} / {@code ndisc_netdev_event()}: NETDEV_DOWN and NETDEV_UNREGISTER flush the device. */
    @Override
    public int onEvent(NetdevEvent event, NetDevice dev) {
        if (event == NetdevEvent.DOWN || event == NetdevEvent.UNREGISTER) {
            neighIfdown(arpTbl, dev);
            neighIfdown(ndTbl, dev);
        }
        return 0;
    }

    private NeighTable table(AddressFamily family) {
        return family == AddressFamily.INET ? arpTbl : ndTbl;
    }
}
