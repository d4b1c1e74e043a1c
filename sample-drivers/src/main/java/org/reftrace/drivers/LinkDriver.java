package org.reftrace.drivers;

import static org.reftrace.netdev.Dev.*;

import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.RtnlLinkOps;

/** A module whose whole job is one link type: init registers it, exit deletes its devices and removes it. */
public interface LinkDriver extends Module, RtnlLinkOps {

    /** The module is named after its link type unless it says otherwise (8021q for vlan). */
    @Override
    default String name() {
        return kind();
    }

    @Override
    default int init(Kernel kernel) {
        return rtnlLinkRegister(kernel, this);
    }

    @Override
    default void exit(Kernel kernel) {
        rtnlLinkUnregister(kernel, this);
    }
}
