package org.reftrace.gallery;

import java.util.stream.Collectors;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelBug;
import org.reftrace.netdev.KernelConfig;

/** Boots a kernel for one variant of a scenario, runs it, and reads what it ended in. */
public final class ScenarioRunner {
    private ScenarioRunner() {}

    public static ScenarioResult run(Scenario scenario, Variant variant, RunOptions options) {
        KernelConfig config = KernelConfig.defaults().withQuirks(scenario.quirks(variant))
                .withWaitEscape(options.waitEscape());
        Kernel kernel = Kernel.boot(config, options.clock(), options.out());
        options.out().println("# " + scenario.name() + " (" + variant.label() + "): " + scenario.title());
        if (!config.quirks().isEmpty()) {
            options.out().println("# time machine: " + config.quirks().stream()
                    .map(q -> q.optionName() + " (before " + q.removedBy() + ")").collect(Collectors.joining(", ")));
        }
        ScenarioContext context = new ScenarioContext(kernel, variant, options.out(), options.duration());
        try {
            scenario.run(context);
        } catch (KernelBug bug) {
            // A BUG kills the task that hit it; the kernel (and the model) stay up.
            options.out().println("# the task was killed by: " + bug.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("scenario " + scenario.name() + " failed: " + e, e);
        }
        return new ScenarioResult(scenario, variant, OutcomeClassifier.classify(kernel), kernel);
    }
}
