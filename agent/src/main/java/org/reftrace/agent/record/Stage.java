package org.reftrace.agent.record;

import java.util.Locale;

/** Where a tracked object is in its life, as the agent has seen it. */
public enum Stage {
    ALLOCATED, REGISTERED, UNREGISTERING, WAITING, HUNG, DESTROYED, FREED, RELEASED;

    /** Whether the object may no longer be touched. */
    boolean freed() {
        return this == FREED || this == RELEASED;
    }

    /** Whether every holder should have let go by now. */
    boolean pastUnregister() {
        return this.compareTo(UNREGISTERING) >= 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
