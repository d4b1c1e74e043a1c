package org.reftrace.drivers;

import static org.reftrace.netdev.Dev.*;

import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.NetdevNotifier;

/**
 * A link type whose devices sit on other devices (a vlan on its real device, a bridge on its ports) and hold them:
 * besides registering the link type, the module joins the notifier chain, so that it lets go of a lower device
 * when that device goes away.
 */
public interface UpperLinkDriver extends LinkDriver {

    /** The handler that follows the lower devices; the same instance on every call. */
    NetdevNotifier lowerDeviceNotifier();

    @Override
    default int init(Kernel kernel) {
        int err = registerNetdeviceNotifier(kernel, lowerDeviceNotifier());
        return err != 0 ? err : LinkDriver.super.init(kernel);
    }

    @Override
    default void exit(Kernel kernel) {
        unregisterNetdeviceNotifier(kernel, lowerDeviceNotifier());
        LinkDriver.super.exit(kernel);
    }
}
