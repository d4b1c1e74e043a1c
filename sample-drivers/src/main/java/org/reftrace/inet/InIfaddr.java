package org.reftrace.inet;

import org.reftrace.netdev.KernelMessage;

/**
 * {@code struct in_ifaddr}: one IPv4 address on a device. Not refcounted itself. <b>Holds</b> its
 * {@link InDevice} ({@code ifa_dev}), taken when made, as {@code inet_alloc_ifa()} does. <b>Held by</b> the
 * {@code in_device}'s address list. Freed by {@link Inetdevice#inetFreeIfa}, which puts the {@code in_device}
 * after an RCU grace period ({@code inet_rcu_free_ifa()}); freeing it twice is a double free.
 */
public final class InIfaddr {
    final InDevice ifaDev;
    final IpPrefix local;
    private volatile boolean secondary;
    private volatile boolean freed;

    /** {@code inet_alloc_ifa(in_dev)}. */
    InIfaddr(InDevice inDev, IpPrefix local) {
        this.ifaDev = inDev;
        this.local = local;
        Inetdevice.inDevHold(inDev); // ifa->ifa_dev
    }

    /** {@code ifa_dev}. */
    public InDevice ifaDev() {
        return ifaDev;
    }

    /** {@code ifa_local}/{@code ifa_prefixlen}. */
    public IpPrefix local() {
        return local;
    }

    /** {@code IFA_F_SECONDARY}. */
    public boolean isSecondary() {
        return secondary;
    }

    public void setSecondary(boolean secondary) {
        this.secondary = secondary;
    }

    /** Model-only: whether {@code inet_rcu_free_ifa()} has run. */
    public boolean isFreed() {
        return freed;
    }

    /** {@code inet_free_ifa()}: frees after a grace period; the callback puts {@code ifa_dev}. */
    void free() {
        ifaDev.kernel().rcu().callRcu(this::rcuFree);
    }

    /** {@code inet_rcu_free_ifa()}. */
    private void rcuFree() {
        if (freed) {
            ifaDev.kernel().log().report(KernelMessage.Kind.MEMORY, name(),
                    "BUG: KASAN: double-free in inet_rcu_free_ifa of " + name() + "\n" + ifaDev.kernel().dumpStack());
            return;
        }
        freed = true;
        Inetdevice.inDevPut(ifaDev);
    }

    /** {@code in_ifaddr(10.0.0.1/24 eth0)}. */
    public String name() {
        return "in_ifaddr(" + local + " " + ifaDev.dev.name() + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
