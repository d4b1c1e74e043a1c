package org.reftrace.analysis;

import java.util.List;
import org.reftrace.dump.Dump;

/** The leak signatures of a dump, ranked ({@link Ranking}). Pure functions. */
public final class Suspects {
    private Suspects() {}

    /** Every suspect in the dump, most suspect first. */
    public static List<Suspect> of(Dump dump) {
        return new SuspectFinder(dump).find();
    }

    /** The suspects that keep one object (directly or through a chain), most suspect first. */
    public static List<Suspect> pinning(Dump dump, long objectId) {
        return of(dump).stream().filter(s -> s.pinned().stream().anyMatch(l -> l.objectId() == objectId)).toList();
    }
}
