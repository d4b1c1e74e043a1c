package org.reftrace.agent.record;

import java.util.List;

/**
 * What a snapshot needs besides the recorder: why it is taken and the instrumentation's own health.
 *
 * @param trigger             {@code exit}, {@code request}, {@code periodic} or {@code wait}
 * @param atExit              whether the program is ending: objects not yet freed and holds not yet dropped
 *                            are then problems
 * @param options             the agent options as given
 * @param failedToInstrument  classes that could not be instrumented, with the reason
 * @param instrumentedClasses classes the agent changed
 * @param attachedLate        whether the agent was attached to a running JVM
 * @param limits              the caps in force
 * @param stackMode           how stacks are captured, in words
 */
public record SnapshotContext(String trigger, boolean atExit, String options, List<String> failedToInstrument,
        int instrumentedClasses, boolean attachedLate, List<String> limits, String stackMode) {}
