package org.reftrace.analysis;

import org.reftrace.dump.Problem;

/**
 * One thing a report leads with: a group of lingering holders (a {@link Suspect}), or a group of problems of one
 * type at one call site (a bad put, a bad free, a read of freed memory, an allocation never freed).
 */
public sealed interface Finding {

    /** The call site to blame, or {@code null} when it is not known. */
    String site();

    /** One line: what and where. */
    String headline();

    /** Lingering holders. */
    record Holders(Suspect suspect) implements Finding {
        @Override
        public String site() {
            return suspect.site();
        }

        @Override
        public String headline() {
            int n = suspect.pinned().size();
            Link first = suspect.pinned().get(0);
            return suspect.holders() + " reference" + (suspect.holders() == 1 ? "" : "s") + " keeping "
                    + (n == 1 ? first.name() : n + " " + first.kind() + " objects") + ", taken at " + suspect.site()
                    + (suspect.exampleOwner() != null ? " by " + suspect.exampleOwner() : "");
        }
    }

    /**
     * Problems of one type on one kind of object at one call site.
     *
     * @param type    the problem type's label
     * @param count   how many happened (listed or not)
     * @param example the first one listed
     */
    record Problems(String type, String kind, String site, long count, Problem example) implements Finding {
        @Override
        public String headline() {
            return type + (count > 1 ? " x" + count : "") + ": " + example.object() + ": " + example.message()
                    + (site != null ? " (at " + site + ")" : "");
        }
    }
}
