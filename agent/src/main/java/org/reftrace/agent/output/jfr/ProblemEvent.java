package org.reftrace.agent.output.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A reference problem the agent found (a put without a hold, a use after free, lingering holders ...), as a JFR
 * event; its stack trace is the thread's where the problem was recorded, which for a bad put or free is the
 * culprit's.
 */
@Name("reftrace.Problem")
@Label("Reference Problem")
@Category({"reftrace", "Reference Leaks"})
@Description("A problem with an object's references, found by the reftrace agent")
final class ProblemEvent extends Event {
    @Label("Type")
    @Description("use-after-free, double-free, put-without-hold, lingering-holders, ...")
    String type;

    @Label("Kind")
    @Description("The kind of object, e.g. netdev")
    String kind;

    @Label("Object")
    String object;

    @Label("Call Site")
    @Description("Where it happened, as a stack trace element")
    String site;

    @Label("Message")
    String message;
}
