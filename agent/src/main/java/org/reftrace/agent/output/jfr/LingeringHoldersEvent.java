package org.reftrace.agent.output.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The references still held on an object whose wait for them warns ({@code unregister_netdevice: waiting for eth0
 * to become free}), with the signature holding most of them: one event per warning, so a recording shows the
 * holders over the wait.
 */
@Name("reftrace.LingeringHolders")
@Label("Lingering Holders")
@Category({"reftrace", "Reference Leaks"})
@Description("References still held while the wait for an object's last references warns")
@StackTrace(false)
final class LingeringHoldersEvent extends Event {
    @Label("Object")
    String object;

    @Label("Holders")
    @Description("Recorded references still held")
    int holders;

    @Label("Usage Count")
    @Description("The object's own count, or -1 when it cannot be read")
    int usageCount;

    @Label("Top Site")
    @Description("The call site of the signature holding most of them")
    String topSite;

    @Label("Top Owner")
    @Description("The owner class of that signature")
    String topOwner;

    @Label("Why")
    @Description("That signature in words: how many, since when")
    String why;
}
