package org.reftrace.agent.record;

import java.util.ArrayList;
import java.util.List;
import org.reftrace.agent.profile.Role;
import org.reftrace.dump.Origin;
import org.reftrace.dump.ProblemType;

/**
 * The one place problems are made, with what explains them: where the stale reference was taken or handed out,
 * where the object was freed, where a reference was first released. The other parts call it when they see
 * something wrong as it happens; {@link Snapshots} calls it for what only a picture of the whole shows.
 *
 * <p>Thread-safe.
 */
final class Problems {
    /** Holds named as origins of one problem, at most. */
    static final int MAX_ORIGINS = 5;

    private final Tables t;
    private volatile ProblemListener listener = (type, kind, object, site, message) -> { };

    Problems(Tables tables) {
        this.t = tables;
    }

    void setListener(ProblemListener listener) {
        this.listener = listener;
    }

    void report(ProblemType type, ObjectState state, String message, Site site, Attribution who,
            List<ProblemRecord.OriginRecord> origins) {
        state.reported = true;
        ProblemLog.Key key = new ProblemLog.Key(type, state.profile.kind(), site == null ? null : site.frame());
        if (t.problems.count(key)) { // past the caps a problem costs a count, never a stack
            String name = state.displayName();
            t.problems.keep(key, new ProblemRecord(type, state.profile.kind(), state.id, name, message,
                    site, who.thread(), t.clock.preciseNow(), t.stacks.forEvent(), origins, who.scope()));
            listener.problem(type.label(), state.profile.kind(), name, site == null ? null : site.frame(), message);
        }
    }

    /** Where a hold was taken: handed out by a lookup or an allocation, or taken by a hold. */
    ProblemRecord.OriginRecord taken(Hold h) {
        Role role = h.site.targetId() >= 0 && h.site.targetId() < t.targets.size()
                ? t.target(h.site.targetId()).role() : Role.HOLD;
        Origin.Role as = role == Role.LOOKUP || role == Role.ALLOC ? Origin.Role.HANDED_OUT : Origin.Role.TAKEN;
        Throwable stack = h.stack() != null ? h.stack() : h.site.representative(h.ownerClass);
        return new ProblemRecord.OriginRecord(as, h.site, h.thread, h.sinceNanos, stack);
    }

    /** Where the object was freed, or {@code null} when it was not. */
    ProblemRecord.OriginRecord freed(ObjectState state) {
        ObjectState.Place f = state.freed;
        return f == null ? null : new ProblemRecord.OriginRecord(Origin.Role.FREED, f.site(), f.thread(), f.atNanos(),
                f.stack());
    }

    /** The holds as origins (the oldest first, at most {@value #MAX_ORIGINS}), then the free if there was one. */
    List<ProblemRecord.OriginRecord> origins(List<Hold> holds, ObjectState freedOf) {
        List<ProblemRecord.OriginRecord> out = new ArrayList<>();
        for (Hold h : holds) {
            if (out.size() == MAX_ORIGINS) {
                break;
            }
            out.add(taken(h));
        }
        if (freedOf != null && freed(freedOf) != null) {
            out.add(freed(freedOf));
        }
        return out;
    }

    /** A use of an object already freed: a hold, a put, a read through an accessor. */
    void useAfterFree(ObjectState state, String what, Site site, Attribution who, Hold paired) {
        ObjectState.Place f = state.freed;
        List<ProblemRecord.OriginRecord> origins = new ArrayList<>();
        if (paired != null) {
            origins.add(taken(paired));
        } else {
            List<Hold> still = state.liveHolds();
            if (!still.isEmpty()) {
                origins.add(taken(still.get(still.size() - 1)));
            }
        }
        if (freed(state) != null) {
            origins.add(freed(state));
        }
        report(ProblemType.USE_AFTER_FREE, state, what + " an object already freed"
                + (f != null && f.site() != null ? " (freed at " + f.site().frame() + ")" : ""), site, who, origins);
    }
}
