package org.reftrace.agent.record;

/** How a put was matched with a hold: each rule is counted and shown in the report, so a guess never hides. */
public enum PairingRule {
    /** Exactly, through the tracker the hold was recorded in. */
    TRACKER("tracker"),
    /** The same owner's newest untracked hold. */
    OWNER("owner"),
    /** A static context: the newest ownerless hold taken on the same thread. */
    THREAD("thread"),
    /** Another owner's hold from a call site whose references are known to be put back by others (a hand-off). */
    HANDOFF_SITE("handoff (site)"),
    /** Another owner's newest hold: a reference passed on, put back by whoever received it. */
    HANDOFF("handoff"),
    /** A tracked put whose tracker recorded no hold, paired by the owner rule. */
    OWNER_UNTRACKED("owner (tracker never held)"),
    /** A tracked put whose tracker recorded no hold, paired by the thread rule. */
    THREAD_UNTRACKED("thread (tracker never held)"),
    /** A tracked put whose tracker recorded no hold, paired as a hand-off. */
    HANDOFF_UNTRACKED("handoff (tracker never held)");

    private final String label;

    PairingRule(String label) {
        this.label = label;
    }

    /** The name in the dump. */
    public String label() {
        return label;
    }

    /** The rule a tracked put falls back to when its tracker recorded no hold. */
    PairingRule untracked() {
        return switch (this) {
            case OWNER -> OWNER_UNTRACKED;
            case THREAD -> THREAD_UNTRACKED;
            case HANDOFF, HANDOFF_SITE -> HANDOFF_UNTRACKED;
            default -> this;
        };
    }
}
