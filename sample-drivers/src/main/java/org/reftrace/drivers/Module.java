package org.reftrace.drivers;

import org.reftrace.netdev.Kernel;

/** A loadable kernel module: {@code module_init} registers its link type and notifiers, {@code module_exit}
 *  removes them, deleting every device it made (what {@code rmmod} does). */
public interface Module {

    /** The module's name as {@code modprobe}/{@code rmmod} know it, e.g. {@code 8021q}. */
    String name();

    /** {@code module_init}. Returns 0 or a negative errno. */
    int init(Kernel kernel);

    /** {@code module_exit}: deletes every device of the module's link type. */
    void exit(Kernel kernel);
}
