package org.reftrace.agent.profile;

import java.util.Locale;

/**
 * What a profile target means for the references of the objects it tracks. Every role is recorded with advice
 * on the method itself, so it counts however Java reaches the method (a direct call, a lambda, a method
 * reference, reflection, a method handle); the roles that take or drop a reference are also marked at each call
 * site, which names the site and the owner exactly.
 */
public enum Role {
    /** Returns a new object whose first reference belongs to the caller (Netty's {@code buffer()}, a pool's
     *  {@code acquire()}); a pooled object handed out again starts a new life. */
    ALLOC(true),
    /** Returns a new object whose first reference is its own, never dropped (a device's {@code alloc_netdev}). */
    CREATE(true),
    /** Returns an existing object with a reference taken for the caller ({@code dev_get_by_name}). */
    LOOKUP(true),
    /** Takes a reference. */
    HOLD(true),
    /** Drops a reference. */
    PUT(true),
    /** Moves an untracked reference of the caller's into the tracker ({@code netdev_tracker_alloc}). */
    TRACKER_ALLOC(true),
    /** Registers the object: from here it is in use ({@code register_netdevice}). */
    REGISTER(false),
    /** Unregisters the object(s): from here every holder must let go ({@code NETDEV_UNREGISTER}). */
    UNREGISTER(false),
    /** From here every holder should have let go (a {@code close()}, a shutdown). */
    SHOULD_BE_FREE(false),
    /** Frees the object (possibly deferred, see the profile's deferred-free states): a later use is a use after
     *  free, a second free a double free. */
    FREE(false),
    /** The object's memory is gone. */
    RELEASE(false),
    /** Waits for the last references of the object(s); with {@code done=return}, returns the one that is free,
     *  or {@code null} when the wait gave up. */
    WAIT(false),
    /** The wait warns that the object is still held: the moment to name its holders. */
    WAIT_WARNING(false),
    /** The object passes to the method's receiver (a Netty handler receiving a message it must release). */
    TRANSFER(false),
    /** An accessor: reading an object already freed through it is a use after free. */
    USE(false);

    private final boolean reference;

    Role(boolean reference) {
        this.reference = reference;
    }

    /** Whether the role takes or drops a reference: its call sites are marked for attribution. */
    public boolean takesOrDrops() {
        return reference;
    }

    /** Whether the role gives a caller a reference. */
    public boolean gives() {
        return this == ALLOC || this == LOOKUP || this == HOLD;
    }

    /** The role's key in a profile file: {@code should-be-free}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The role for a profile file key, or {@code null}. */
    public static Role ofKey(String key) {
        for (Role role : values()) {
            if (role.key().equals(key)) {
                return role;
            }
        }
        return null;
    }
}
