package org.reftrace.report;

import java.util.Map;

/**
 * What the page says first; made from {@code org.reftrace.analysis.Verdict}, the verdict the console, test mode
 * and {@code --fail-on-leak} use too.
 *
 * @param objectsHeld      objects that should be free and still have holders
 * @param lingeringHolders their holders
 * @param unattributed     references counted but not explained by any recorded hold
 * @param problems         problems in all (counted, not only listed)
 * @param problemsByType   type to count
 * @param hungWaits        waits for references that never ended
 * @param failures         the agents' own failures, each of which may hide a leak
 * @param budgets          records left out by design, within budgets the user chose: never a failure
 * @param leaks            whether anything leaked or went wrong: what {@code --fail-on-leak} fails on
 * @param top              the most important finding in one line, or {@code null}
 */
public record VerdictView(int objectsHeld, int lingeringHolders, int unattributed, long problems,
        Map<String, Integer> problemsByType, long hungWaits, long failures, long budgets, boolean leaks, String top) {}
