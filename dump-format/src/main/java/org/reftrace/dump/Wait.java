package org.reftrace.dump;

/**
 * One wait for an object's last references ({@code netdev_wait_all_refs}).
 *
 * @param objectId      the object's id
 * @param object        its name
 * @param startNanos    when the wait began, since the agent started
 * @param durationNanos how long it lasted, or has lasted so far
 * @param outcome       {@code completed}, {@code gave-up} (the model's escape), or {@code ongoing}
 * @param warnings      how many "waiting for" warnings it printed
 * @param kind          the object's kind (v2; {@code null} in version 1 dumps)
 */
public record Wait(long objectId, String object, long startNanos, long durationNanos, String outcome, int warnings,
        String kind) {

    /** A version 1 wait. */
    public Wait(long objectId, String object, long startNanos, long durationNanos, String outcome, int warnings) {
        this(objectId, object, startNanos, durationNanos, outcome, warnings, null);
    }
}
