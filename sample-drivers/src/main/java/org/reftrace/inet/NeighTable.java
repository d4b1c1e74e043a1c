package org.reftrace.inet;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.netdev.NetDevice;

/**
 * {@code struct neigh_table}: one family's neighbour cache ({@code arp_tbl}, {@code nd_tbl}) across namespaces.
 * Holds one reference on each entry it lists. Used through {@link Neigh}.
 *
 * <p>Thread-safe.
 */
public final class NeighTable {
    private final String id;
    private final AddressFamily family;
    private final Map<Key, Neighbour> hash = new ConcurrentHashMap<>();

    private record Key(NetDevice dev, IpAddr addr) {}

    /** @param id the table's name, e.g. {@code arp_cache} */
    public NeighTable(String id, AddressFamily family) {
        this.id = id;
        this.family = family;
    }

    /** {@code tbl->id}. */
    public String id() {
        return id;
    }

    public AddressFamily family() {
        return family;
    }

    /** The entries listed now. */
    public List<Neighbour> entries() {
        return List.copyOf(hash.values());
    }

    Neighbour find(IpAddr key, NetDevice dev) {
        return hash.get(new Key(dev, key));
    }

    /** Links a new entry, or returns the one that won the race. */
    Neighbour link(Neighbour n) {
        Neighbour existing = hash.putIfAbsent(new Key(n.dev, n.key), n);
        if (existing == null) {
            n.setDead(false);
            return n;
        }
        return existing;
    }

    boolean unlink(Neighbour n) {
        return hash.remove(new Key(n.dev, n.key), n);
    }

    List<Neighbour> onDevice(NetDevice dev) {
        return hash.values().stream().filter(n -> n.dev == dev).toList();
    }
}
