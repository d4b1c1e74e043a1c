package org.reftrace.agent.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.reftrace.agent.bootstrap.Hooks;

/**
 * Advice inlined into every profile method: it reports the method's receiver, arguments and outcome to the
 * bootstrap facade. {@code suppress = Throwable.class}: whatever happens in here, the watched method runs on as if
 * it were not there.
 */
final class CalleeAdvice {
    private CalleeAdvice() {}

    /**
     * {@link Around} for a target that reads none of its arguments past the third (every built-in profile's): the
     * arguments go as three values, missing ones {@code null}, so a call costs no argument array.
     */
    static final class AroundFirstThree {
        private AroundFirstThree() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter(@TargetId int target, @SiteId int method, @Advice.This(optional = true) Object self,
                @Advice.Argument(value = 0, optional = true, typing = Assigner.Typing.DYNAMIC) Object a0,
                @Advice.Argument(value = 1, optional = true, typing = Assigner.Typing.DYNAMIC) Object a1,
                @Advice.Argument(value = 2, optional = true, typing = Assigner.Typing.DYNAMIC) Object a2) {
            return Hooks.enter(target, method, self, a0, a1, a2);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@TargetId int target, @Advice.Enter int frame, @Advice.This(optional = true) Object self,
                @Advice.Argument(value = 0, optional = true, typing = Assigner.Typing.DYNAMIC) Object a0,
                @Advice.Argument(value = 1, optional = true, typing = Assigner.Typing.DYNAMIC) Object a1,
                @Advice.Argument(value = 2, optional = true, typing = Assigner.Typing.DYNAMIC) Object a2,
                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result, @Advice.Thrown Throwable thrown) {
            Hooks.exit(target, frame, self, a0, a1, a2, result, thrown);
        }
    }

    /** {@link AtEntry} for a target that reads none of its arguments past the third. */
    static final class AtEntryFirstThree {
        private AtEntryFirstThree() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@TargetId int target, @SiteId int method, @Advice.This(optional = true) Object self,
                @Advice.Argument(value = 0, optional = true, typing = Assigner.Typing.DYNAMIC) Object a0,
                @Advice.Argument(value = 1, optional = true, typing = Assigner.Typing.DYNAMIC) Object a1,
                @Advice.Argument(value = 2, optional = true, typing = Assigner.Typing.DYNAMIC) Object a2) {
            Hooks.enter(target, method, self, a0, a1, a2);
        }
    }

    /** For roles that need the outcome (every role that takes or drops a reference, and the lifecycle). */
    static final class Around {
        private Around() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter(@TargetId int target, @SiteId int method, @Advice.This(optional = true) Object self,
                @Advice.AllArguments Object[] args) {
            return Hooks.enter(target, method, self, args);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@TargetId int target, @Advice.Enter int frame, @Advice.This(optional = true) Object self,
                @Advice.AllArguments Object[] args, @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
                @Advice.Thrown Throwable thrown) {
            Hooks.exit(target, frame, self, args, result, thrown);
        }
    }

    /**
     * For a constructor that makes a tracked object ({@code alloc = Class#<init>(...)}): {@code this} may not be
     * touched before it is initialised, so the entry passes none, and the exit passes the new object as the result.
     * It runs only when the constructor returns.
     */
    static final class Constructor {
        private Constructor() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter(@TargetId int target, @SiteId int method, @Advice.AllArguments Object[] args) {
            return Hooks.enter(target, method, null, args);
        }

        // exit advice cannot catch what a constructor throws (the JVM forbids a handler around super(...)): a
        // constructor that throws made no object, and its entry is left on the thread's constructor stack
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@TargetId int target, @Advice.Enter int frame, @Advice.This Object self,
                @Advice.AllArguments Object[] args) {
            Hooks.exit(target, frame, null, args, self, null);
        }
    }

    /** For roles decided at entry: an accessor's use, a transfer, should-be-free. */
    static final class AtEntry {
        private AtEntry() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@TargetId int target, @SiteId int method, @Advice.This(optional = true) Object self,
                @Advice.AllArguments Object[] args) {
            Hooks.enter(target, method, self, args);
        }
    }
}
