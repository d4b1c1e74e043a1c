package org.reftrace.agent.instrument;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.reftrace.agent.bootstrap.Hooks;

/**
 * Advice inlined into a profile's lifecycle methods (register, unregister, free, wait ...): it reports the
 * method's arguments and result to the bootstrap facade. {@code suppress = Throwable.class}: whatever happens
 * in here, the watched method runs on as if it were not there.
 */
final class LifecycleAdvice {
    private LifecycleAdvice() {}

    /** For roles that act on entry (free, release, the start of a wait). */
    static final class OnEnter {
        private OnEnter() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@TargetId int target, @Advice.AllArguments Object[] args) {
            Hooks.lifecycle(target, args, null, false);
        }
    }

    /** For roles about {@code this} or one argument, on entry: transfer, should-be-free. */
    static final class OnInstanceEnter {
        private OnInstanceEnter() {}

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@TargetId int target, @SiteId int site, @Advice.This Object self,
                @Advice.AllArguments Object[] args) {
            Hooks.instanceEvent(target, self, args, site);
        }
    }

    /** For roles that act on exit (alloc, register, unregister, the end of a wait, the warning). */
    static final class OnExit {
        private OnExit() {}

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@TargetId int target, @Advice.AllArguments Object[] args,
                @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result) {
            Hooks.lifecycle(target, args, result, true);
        }
    }
}
