package org.reftrace.stack;

import static org.reftrace.netdev.Dev.*;

import org.reftrace.drivers.Module;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.NetdevNotifier;

/** A subsystem that follows devices through the netdev notifier chain: init joins the chain, exit leaves it. */
public interface NotifierModule extends Module, NetdevNotifier {

    @Override
    default int init(Kernel kernel) {
        return registerNetdeviceNotifier(kernel, this);
    }

    @Override
    default void exit(Kernel kernel) {
        unregisterNetdeviceNotifier(kernel, this);
    }
}
