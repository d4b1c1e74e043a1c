package org.reftrace.agent.capture;

import java.util.ArrayList;
import java.util.List;
import org.reftrace.agent.profile.Target;
import org.reftrace.agent.record.BeforeFree;
import org.reftrace.agent.record.ProfileRuntime;
import org.reftrace.agent.record.Site;

/**
 * One tracked call in progress on a thread, between its advice's entry and exit: what the exit needs (the object
 * when it was known at entry, the call site and owner candidates the call site marked, the state before a free),
 * and the references taken or dropped inside it whose object only its return value tells.
 *
 * <p>Not thread-safe: each thread reuses its own frames ({@link org.reftrace.agent.bootstrap.CallContext}).
 */
final class Frame {
    /** References recorded inside a call, held back until the call returns. */
    static final int MAX_PENDING = 8;

    Target target;
    ProfileRuntime profile;
    /** The tracked object, or {@code null} until the exit when it is the return value. */
    Object object;
    /** The view the call was made on when it is not the object itself (a slice of a buffer), or {@code null}. */
    Object via;
    /** Whether this call is inside another on the same object in the same direction: counted there, not here. */
    boolean nested;
    /** Whether the call's object is not tracked at all. */
    boolean skip;
    /** A put whose own call freed the object: recorded before that free, so nothing is left for its exit. */
    boolean recorded;
    /** The tracker and count, kept from the entry when the object is known there (a free inside may need them). */
    Object tracker;
    int count;
    /** For a put: the recorder's count of frees when the call began, or -1. */
    long freesAtEntry = -1;
    Site site;
    Object argOwner;
    Object argOwner2;
    Object thisOwner;
    BeforeFree beforeFree;
    /** For a constructor: the class whose constructor it is. */
    String constructing;
    List<Object> waiting;
    final List<Event> pending = new ArrayList<>(MAX_PENDING);

    /** A reference taken or dropped, ready to record. */
    record Event(Target target, ProfileRuntime profile, Object object, Object tracker, int count,
            org.reftrace.agent.record.Attribution who, long freesAtEntry) {
        Event(Target target, ProfileRuntime profile, Object object, Object tracker, int count,
                org.reftrace.agent.record.Attribution who) {
            this(target, profile, object, tracker, count, who, -1);
        }
    }

    /** {@link #reset()}, unless nothing was set since the last one (whatever a call sets, it sets its target first). */
    void resetIfUsed() {
        if (target != null) {
            reset();
        }
    }

    void reset() {
        target = null;
        profile = null;
        object = null;
        via = null;
        nested = false;
        skip = false;
        recorded = false;
        tracker = null;
        count = 0;
        freesAtEntry = -1;
        site = null;
        argOwner = null;
        argOwner2 = null;
        thisOwner = null;
        beforeFree = null;
        constructing = null;
        waiting = null;
        if (!pending.isEmpty()) {
            pending.clear();
        }
    }

    /** Whether its object is known only when it returns. */
    boolean objectAtExit() {
        return target != null && target.object().atExit();
    }
}
