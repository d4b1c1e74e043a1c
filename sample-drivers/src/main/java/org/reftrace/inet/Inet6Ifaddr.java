package org.reftrace.inet;

import org.reftrace.netdev.KernelMessage;

/**
 * {@code struct inet6_ifaddr}: one IPv6 address. <b>Holds</b> its {@link Inet6Dev} ({@code ifp->idev}), taken when
 * made, as {@code ipv6_add_addr()} does. <b>Held by</b> the {@code inet6_dev}'s address list, whoever made or
 * looked it up ({@link Addrconf#ipv6GetIfaddr}), and its DAD work while queued. The last put runs
 * {@code inet6_ifa_finish_destroy()}: the {@code inet6_dev} is put and, if the address was deleted (state
 * {@link State#DEAD}), its memory is freed after a grace period; an address still alive is reported
 * ({@code Freeing alive inet6 address}) and kept.
 */
public final class Inet6Ifaddr extends Refcounted {

    /** {@code enum inet6_ifaddr_state}. */
    public enum State {
        PREDAD, DAD, POSTDAD, ERRDAD, DEAD
    }

    final Inet6Dev idev;
    final IpPrefix addr;
    private volatile State state = State.PREDAD;
    private volatile boolean tentative;
    private volatile boolean dadFailed;

    /** {@code ipv6_add_addr()}'s allocation: refcnt 1 ("for caller"), holding {@code idev}. */
    Inet6Ifaddr(Inet6Dev idev, IpPrefix addr) {
        super(idev.kernel(), 1);
        this.idev = idev;
        this.addr = addr;
        Addrconf.in6DevHold(idev); // ifa->idev
    }

    @Override
    public String name() {
        return "inet6_ifaddr(" + addr + " " + idev.dev.name() + ")";
    }

    /** {@code ifp->idev}. */
    public Inet6Dev idev() {
        return idev;
    }

    /** {@code ifp->addr}/{@code ifp->prefix_len}. */
    public IpPrefix addr() {
        return addr;
    }

    /** {@code ifp->state}. */
    public State state() {
        return state;
    }

    public void setState(State state) {
        this.state = state;
    }

    /** {@code IFA_F_TENTATIVE}: duplicate address detection has not completed. */
    public boolean isTentative() {
        return tentative;
    }

    public void setTentative(boolean tentative) {
        this.tentative = tentative;
    }

    /** {@code IFA_F_DADFAILED}. */
    public boolean isDadFailed() {
        return dadFailed;
    }

    public void setDadFailed(boolean dadFailed) {
        this.dadFailed = dadFailed;
    }

    /** {@code inet6_ifa_finish_destroy()}. */
    void finishDestroy() {
        Addrconf.in6DevPut(idev);
        if (state != State.DEAD) {
            report(KernelMessage.Kind.MESSAGE, "Freeing alive inet6 address " + name());
            return;
        }
        kernel().rcu().callRcu(this::markFreed); // kfree_rcu()
    }
}
