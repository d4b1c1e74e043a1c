package org.reftrace.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which object a call is about: the answers stay the same once the classes seen plainly tracked are remembered
 * (more of them than it remembers, a view, an ignored subclass, an unrelated class, asked again and again).
 */
class ProfileRuntimeTest {
    /** The tracked type; its subclasses below are tracked too, but for the ignored one. */
    public static class Counted {}

    public static class Ignored extends Counted {}

    /** A view: calls on it are about the object it holds. */
    public static final class Holder {
        final Counted content;

        Holder(Counted content) {
            this.content = content;
        }

        public Counted content() {
            return content;
        }
    }

    public static class Sub0 extends Counted {}
    public static class Sub1 extends Counted {}
    public static class Sub2 extends Counted {}
    public static class Sub3 extends Counted {}
    public static class Sub4 extends Counted {}
    public static class Sub5 extends Counted {}
    public static class Sub6 extends Counted {}
    public static class Sub7 extends Counted {}
    public static class Sub8 extends Counted {}
    public static class Sub9 extends Counted {}

    private final ProfileRuntime p = new Recorder(FakeDevice.profiles("""
            name = counted
            type = org.reftrace.agent.record.ProfileRuntimeTest$Counted
            ignore = org.reftrace.agent.record.ProfileRuntimeTest$Ignored
            view = org.reftrace.agent.record.ProfileRuntimeTest$Holder#content()
            hold = x.Api#hold(java.lang.Object)
            put = x.Api#put(java.lang.Object)
            """), RecorderConfig.defaults()).runtimes().get(0);

    @Test
    void theAnswersAreTheSameWhenAskedAgainPastTheClassesItRemembers() {
        Object[] plain = {new Counted(), new Sub0(), new Sub1(), new Sub2(), new Sub3(), new Sub4(), new Sub5(),
                new Sub6(), new Sub7(), new Sub8(), new Sub9()};
        Counted inside = new Sub3();
        Holder view = new Holder(inside);
        Ignored ignored = new Ignored();
        Object unrelated = "not counted";
        for (int round = 0; round < 3; round++) {
            for (Object o : plain) {
                assertThat(p.trackedObject(o)).isSameAs(o);
            }
            assertThat(p.trackedObject(view)).isSameAs(inside);
            assertThat(p.trackedObject(new Holder(ignored))).isNull();
            assertThat(p.trackedObject(ignored)).isNull();
            assertThat(p.trackedObject(unrelated)).isNull();
            assertThat(p.trackedObject(null)).isNull();
        }
    }
}
