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

    /**
     * Handles one event with the data it carries ({@code netdev_notifier_info_to_*}); {@code info} is {@code null}
     * for events that carry none. The chain calls this method; by default it ignores {@code info}.
     */
    default int onEvent(NetdevEvent event, NetDevice dev, NotifierInfo info) {
        return onEvent(event, dev);
    }
}
