package org.reftrace.netdev;

/**
 * A netdev notifier block ({@code register_netdevice_notifier()}): a subsystem's handler of device events.
 * Called under rtnl.
 */
@FunctionalInterface
public interface NetdevNotifier {

    /**
     * Handles one event. Returns 0 ({@code NOTIFY_OK}/{@code NOTIFY_DONE}) or a negative errno; an errno vetoes
     * the events that allow it ({@link NetdevEvent#canVeto()}) and is ignored for the others, as
     * {@code notifier_to_errno()} would be.
     */
    int onEvent(NetdevEvent event, NetDevice dev);
}
