package org.reftrace.agent.record;

/**
 * How many untracked live holds each owner has on one object, by the owner's identity hash: so that "does this
 * owner still hold any?" costs O(1) however many references other owners hold. Open addressing with linear
 * probing and backward-shift deletion, so an owner whose holds are all put back leaves no trace.
 *
 * <p>Two owners with one identity hash share a count: "still holds one" may then be said of an owner that holds
 * none, which only makes the settled-owner rule ({@link HoldList#settledBy}) more cautious.
 *
 * <p>Not thread-safe: guarded by its {@link ObjectState}'s lock.
 */
final class OwnerCounts {
    private int[] keys = new int[16];
    private int[] counts = new int[16];
    private int size;

    /** Adds {@code delta} to the owner's count; an owner whose count reaches 0 is removed. */
    void add(int ownerHash, int delta) {
        int mask = keys.length - 1;
        int i = slot(ownerHash, mask);
        while (keys[i] != 0 && keys[i] != ownerHash) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            if (delta <= 0) {
                return;
            }
            keys[i] = ownerHash;
            counts[i] = delta;
            if (++size * 2 > keys.length) {
                grow();
            }
            return;
        }
        counts[i] += delta;
        if (counts[i] <= 0) {
            remove(i);
        }
    }

    int count(int ownerHash) {
        int mask = keys.length - 1;
        for (int i = slot(ownerHash, mask); keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == ownerHash) {
                return counts[i];
            }
        }
        return 0;
    }

    private void remove(int hole) {
        int mask = keys.length - 1;
        keys[hole] = 0;
        counts[hole] = 0;
        size--;
        // backward shift: move later entries of the probe run into the hole when their home slot allows it
        for (int i = (hole + 1) & mask; keys[i] != 0; i = (i + 1) & mask) {
            int home = slot(keys[i], mask);
            boolean movable = hole <= i ? home <= hole || home > i : home <= hole && home > i;
            if (movable) {
                keys[hole] = keys[i];
                counts[hole] = counts[i];
                keys[i] = 0;
                counts[i] = 0;
                hole = i;
            }
        }
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldCounts = counts;
        keys = new int[oldKeys.length * 2];
        counts = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                add(oldKeys[i], oldCounts[i]);
            }
        }
    }

    private static int slot(int hash, int mask) {
        int h = hash * 0x9E3779B9;
        return (h ^ h >>> 16) & mask;
    }
}
