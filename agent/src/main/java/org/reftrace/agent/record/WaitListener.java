package org.reftrace.agent.record;

/** Told when the watched program's wait for an object's references warns: the moment to name the holders. */
@FunctionalInterface
public interface WaitListener {
    void waitWarning(long objectId);
}
