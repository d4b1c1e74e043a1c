package org.reftrace.report;

import java.util.Map;

/**
 * What the page says first.
 *
 * @param objectsHeld      objects that should be free and still have holders
 * @param lingeringHolders their holders
 * @param unattributed     references counted but not explained by any recorded hold
 * @param problems         problems in all
 * @param problemsByType   type → count
 * @param adviceFailures   events the agent missed because its own code failed
 * @param dropped          holds, problems and stacks the agent did not record because of its caps
 * @param failedToInstrument classes it could not instrument
 */
public record Verdict(int objectsHeld, int lingeringHolders, int unattributed, int problems,
        Map<String, Integer> problemsByType, long adviceFailures, long dropped, int failedToInstrument) {}
