package org.reftrace.agent.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * Every profile in force, side by side, with their targets numbered in one sequence: a target's id is what
 * instrumented code passes back, whichever profile it belongs to.
 *
 * @param profiles in the order given
 */
public record ProfileSet(List<Profile> profiles) {

    public ProfileSet {
        profiles = List.copyOf(profiles);
    }

    /** Renumbers the targets of {@code profiles} into one sequence. */
    public static ProfileSet of(List<Profile> profiles) {
        List<Profile> renumbered = new ArrayList<>();
        int next = 0;
        for (int p = 0; p < profiles.size(); p++) {
            List<Target> targets = new ArrayList<>();
            for (Target t : profiles.get(p).targets()) {
                targets.add(t.withIds(next++, p));
            }
            renumbered.add(profiles.get(p).withTargets(targets));
        }
        return new ProfileSet(renumbered);
    }

    /** Every target of every profile, by id. */
    public List<Target> targets() {
        List<Target> all = new ArrayList<>();
        profiles.forEach(p -> all.addAll(p.targets()));
        return all;
    }

    public Profile profileOf(Target target) {
        return profiles.get(target.profile());
    }

    /** The names joined with {@code +}, as the {@code profile} option spells a set. */
    public String names() {
        return String.join("+", profiles.stream().map(Profile::name).toList());
    }
}
