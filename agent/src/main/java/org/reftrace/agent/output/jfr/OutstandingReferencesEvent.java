package org.reftrace.agent.output.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * Per call site, the references it took that are still outstanding, emitted periodically while a recording runs
 * (every 5 s unless the recording's settings say otherwise): a leak is a site whose count only grows. Sites with
 * nothing outstanding are not emitted.
 */
@Name("reftrace.OutstandingReferences")
@Label("Outstanding References")
@Category({"reftrace", "Reference Leaks"})
@Description("References taken at a call site and not put back yet")
@StackTrace(false)
@Period("5 s")
final class OutstandingReferencesEvent extends Event {
    @Label("Call Site")
    String site;

    @Label("Outstanding")
    long outstanding;

    @Label("Taken")
    @Description("References taken there since the agent started, or -1 when not counted")
    long taken;

    @Label("Released")
    @Description("Of those, the ones put back, or -1 when not counted")
    long released;
}
