package org.reftrace.agent.capture;

import java.util.Optional;
import org.reftrace.agent.profile.Target;
import org.reftrace.agent.record.Site;
import org.reftrace.agent.record.SiteTable;

/**
 * The call site of a tracked call that came through a path no call site marked (a method reference, reflection,
 * a method handle, a caller loaded before a late attach): found by walking the stack to the first frame that is
 * neither the agent's, the tracked method's own, nor the JDK's (the reflection and lambda machinery, a
 * {@code forEach} that ran the method reference). Costs a stack walk, only on such paths.
 *
 * <p>Thread-safe.
 */
final class CallerSites {
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String[] SKIPPED = {"org.reftrace.agent.", "java.", "jdk.", "sun.", "com.sun."};

    private final SiteTable sites;

    CallerSites(SiteTable sites) {
        this.sites = sites;
    }

    Site of(Target target) {
        Optional<StackWalker.StackFrame> caller = WALKER.walk(frames -> frames
                .dropWhile(f -> f.getClassName().startsWith("org.reftrace.agent."))
                .dropWhile(f -> f.getMethodName().equals(target.method())) // the method itself, and its super calls
                .filter(f -> !skipped(f.getClassName()))
                .findFirst());
        int id = caller.map(f -> sites.registerOnce(f.getClassName(), f.getMethodName(), f.getFileName(),
                f.getLineNumber(), target.id())).orElseGet(() -> sites.registerOnce("unknown", "caller", null, 0,
                target.id()));
        return sites.get(id);
    }

    private static boolean skipped(String className) {
        for (String prefix : SKIPPED) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
