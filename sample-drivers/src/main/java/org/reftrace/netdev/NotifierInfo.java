package org.reftrace.netdev;

/**
 * The extra data some notifier events carry ({@code struct netdev_notifier_*_info} beyond the device).
 * {@link NetdevNotifier#onEvent(NetdevEvent, NetDevice, NotifierInfo)} receives {@code null} for events that carry
 * none.
 */
public sealed interface NotifierInfo {

    /**
     * {@code struct netdev_notifier_changeupper_info}, for {@link NetdevEvent#PRECHANGEUPPER} and
     * {@link NetdevEvent#CHANGEUPPER}.
     *
     * @param upperDev  the upper device being linked or unlinked
     * @param master    whether it is (or was) the device's master
     * @param linking   {@code true} when linking, {@code false} when unlinking
     * @param upperInfo the master's own data for the link (e.g. a bond's lag info), or {@code null}
     */
    record ChangeUpper(NetDevice upperDev, boolean master, boolean linking, Object upperInfo) implements NotifierInfo {}

    /** {@code struct netdev_notifier_pre_changeaddr_info}: the address about to be set. */
    record PreChangeAddr(MacAddress devAddr) implements NotifierInfo {}

    /** {@code struct netdev_notifier_info_ext}: the MTU before the change ({@link NetdevEvent#CHANGEMTU}). */
    record ChangeMtu(int oldMtu) implements NotifierInfo {}

    /** {@code struct netdev_notifier_changelowerstate_info}: the master's view of the lower device. */
    record ChangeLowerState(Object lowerStateInfo) implements NotifierInfo {}
}
