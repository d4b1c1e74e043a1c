package org.reftrace.agent.record;

import java.util.List;
import org.reftrace.agent.profile.ProfileParser;
import org.reftrace.agent.profile.ProfileSet;

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

    /** A profile for it, in the file format: holds, puts and the whole lifecycle, on made-up API classes. */
    static final String PROFILE = """
            name = fake
            type = org.reftrace.agent.record.FakeDevice
            name-method = name
            count-method = refcnt
            count-floor = 1
            state-method = regState
            registered-states = REGISTERED
            released-states = RELEASED
            deferred-free-states = UNREGISTERING
            hold = x.Api#hold(org.reftrace.agent.record.FakeDevice)
            put = x.Api#put(org.reftrace.agent.record.FakeDevice)
            register = x.Core#register(org.reftrace.agent.record.FakeDevice) when=returns-zero
            unregister = x.Core#unregister(java.util.List) object=return[*]
            free = x.Core#free(org.reftrace.agent.record.FakeDevice)
            release = x.Core#release(org.reftrace.agent.record.FakeDevice)
            wait = x.Core#wait(java.util.List) object=arg0[*] done=return
            wait-warning = x.Core#warn(org.reftrace.agent.record.FakeDevice)
            """;

    static ProfileSet profiles(String text) {
        try {
            return ProfileSet.of(List.of(ProfileParser.parse("test.profile", text)));
        } catch (ProfileParser.ProfileError e) {
            throw new IllegalStateException(e);
        }
    }

    static ProfileSet profiles() {
        return profiles(PROFILE);
    }
}
