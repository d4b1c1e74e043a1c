package org.reftrace.netdev;

/**
 * {@code netdevice_tracker}: the slot an owner embeds to take a tracked reference
 * ({@link Dev#netdevHold(NetDevice, NetdevTracker)}). Each hold puts a fresh tracker entry with its allocation
 * stack in the slot; the matching put releases the entry the slot points to and keeps it in the device's
 * quarantine, so a second put through the same slot is reported as {@code reference already released.}
 * with both stacks.
 *
 * <p>One slot per holder: a slot shared by several holders makes puts pair with the wrong holds (the
 * shared-tracker bug). Not thread-safe, like the kernel's: the owner serialises its own hold and put.
 */
public final class NetdevTracker {
    RefTracker current;

    /** Whether the slot holds a live (not yet released) reference. */
    public boolean isLive() {
        RefTracker entry = current;
        return entry != null && !entry.released;
    }
}
