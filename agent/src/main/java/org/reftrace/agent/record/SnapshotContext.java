package org.reftrace.agent.record;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a snapshot needs besides the recorder: why it is taken and the instrumentation's own health.
 *
 * @param trigger             {@code exit}, {@code request}, {@code periodic}, {@code wait} or {@code test}
 * @param atExit              whether the program is ending: objects not yet freed and holds not yet dropped
 *                            are then problems
 * @param options             the agent options as given
 * @param failedToInstrument  classes that could not be instrumented, with the reason
 * @param instrumentedClasses classes the agent changed
 * @param attachedLate        whether the agent was attached to a running JVM
 * @param limits              the caps in force
 * @param stackMode           how stacks are captured, in words
 * @param missingTargets      methods and accessors profiles name that do not exist, one line each
 * @param advisedTargets      ids of the targets instrumented somewhere so far
 * @param notLoaded           per profile, the classes it names that have not been loaded
 */
public record SnapshotContext(String trigger, boolean atExit, String options, List<String> failedToInstrument,
        int instrumentedClasses, boolean attachedLate, List<String> limits, String stackMode,
        List<String> missingTargets, Set<Integer> advisedTargets, Map<String, List<String>> notLoaded) {

    public SnapshotContext {
        failedToInstrument = List.copyOf(failedToInstrument);
        limits = List.copyOf(limits);
        missingTargets = List.copyOf(missingTargets);
        advisedTargets = Set.copyOf(advisedTargets);
        notLoaded = Map.copyOf(notLoaded);
    }

    /** A context without instrumentation details (tests of the recorder alone). */
    public static SnapshotContext of(String trigger, boolean atExit) {
        return new SnapshotContext(trigger, atExit, "", List.of(), 0, false, List.of(), "", List.of(), Set.of(),
                Map.of());
    }
}
