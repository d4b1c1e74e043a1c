package org.reftrace.analysis;

import java.util.List;
import org.reftrace.dump.Dump;
import org.reftrace.dump.Meta;

/**
 * One watched program's run, as seen through one or more of its dumps (periodic dumps of one run are the same JVM
 * at later instants). What the newest dump says of an object is what is true of it; the older ones show how it got
 * there.
 *
 * @param index  its position among the JVMs of a report, from 0
 * @param label  which JVM, for people: {@code 4242@host (org.example.Main)}; unique within a report
 * @param dumps  its dumps, oldest first (by the agent's uptime when each was taken)
 * @param startEpochMillis when the agent started, in epoch milliseconds, or -1 when the dump does not say
 */
public record Jvm(int index, String label, List<DumpSource> dumps, long startEpochMillis) {

    public Jvm {
        dumps = List.copyOf(dumps);
    }

    /** The newest dump: the state of every object now. */
    public Dump newest() {
        return dumps.get(dumps.size() - 1).dump();
    }

    /** The newest dump's meta. */
    public Meta meta() {
        return newest().meta();
    }

    /** The object identity across a report: this JVM and the agent's id, {@code j0:17}. */
    public String key(long objectId) {
        return "j" + index + ":" + objectId;
    }
}
