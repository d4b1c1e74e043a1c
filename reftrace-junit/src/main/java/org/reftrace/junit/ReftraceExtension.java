package org.reftrace.junit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(ReftraceExtension.class)}: fails every test that leaves references held that it took,
 * naming the holders in the failure message. See {@link Reftrace} for the rules.
 */
public final class ReftraceExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ReftraceExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("mark", Reftrace.mark());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Long mark = context.getStore(NAMESPACE).remove("mark", Long.class);
        if (mark != null) {
            Reftrace.check(mark);
        }
    }
}
