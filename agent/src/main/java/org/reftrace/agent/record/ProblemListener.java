package org.reftrace.agent.record;

/** Told of each problem as it is recorded (for JFR events); must not throw, and must be quick. */
@FunctionalInterface
public interface ProblemListener {
    /**
     * @param type    the problem type's label
     * @param kind    the object's kind
     * @param object  the object's name
     * @param site    the call site, or {@code null}
     * @param message what happened
     */
    void problem(String type, String kind, String object, String site, String message);
}
