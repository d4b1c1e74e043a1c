package org.reftrace.agent.record;

import java.util.List;
import java.util.Set;
import org.reftrace.agent.profile.Profile;
import org.reftrace.agent.profile.Role;
import org.reftrace.agent.profile.Target;

/** A refcounted object for recorder tests, with the accessors a profile reads, and its profile. */
public final class FakeDevice {
    private final String name;
    /** Tests drive the recorder directly and do not keep this count, so it stays high unless a test sets it. */
    volatile int refcnt = 1_000_000;
    volatile String state = "REGISTERED";

    public FakeDevice(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public int refcnt() {
        return refcnt;
    }

    public String regState() {
        return state;
    }

    /** Target ids: 0 hold, 1 put, 2 register, 3 unregister, 4 free, 5 release, 6 wait, 7 warning. */
    static Profile profile() {
        String type = "org/reftrace/agent/record/FakeDevice";
        List<Target> targets = List.of(
                new Target(0, "x/Api", "hold", "(L" + type + ";)V", Role.HOLD, "test"),
                new Target(1, "x/Api", "put", "(L" + type + ";)V", Role.PUT, "test"),
                new Target(2, "x/Core", "register", "()I", Role.REGISTER, "test"),
                new Target(3, "x/Core", "unregister", "()V", Role.UNREGISTER, "test"),
                new Target(4, "x/Core", "free", "()V", Role.FREE, "test"),
                new Target(5, "x/Core", "release", "()V", Role.RELEASE, "test"),
                new Target(6, "x/Core", "wait", "()V", Role.WAIT, "test"),
                new Target(7, "x/Core", "warn", "()V", Role.WAIT_WARNING, "test"));
        return new Profile("fake", "fake", type, "name", "refcnt", "regState", 1, Set.of("REGISTERED"),
                Set.of("RELEASED"), Set.of("UNREGISTERING"), true, "x.", targets);
    }
}
