package org.reftrace.stack;

import static org.reftrace.inet.Addrconf.*;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.inet.DelayedWork;
import org.reftrace.inet.Inet6Dev;
import org.reftrace.inet.OtherCpu;
import org.reftrace.inet.Workqueue;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.NetDevice;

/**
 * {@code net/ipv6/mcast.c}, the MLD query path: a received query is queued on its {@code inet6_dev} and handled
 * by {@code mld_query_work} on the {@code mld} workqueue, which holds the {@code inet6_dev} while queued and
 * handles at most {@value #MLD_MAX_QUEUE} queries a run, queueing itself again for the rest. Part of
 * {@link Inet6}, which stops the work when a device is unregistered ({@code ipv6_mc_destroy_dev()}).
 *
 * <p>Model-only: the work runs when {@link #mldWq()} is flushed; {@link #whileNextQueryWorkRuns} lets a
 * scenario say what another CPU does while a run is in progress.
 */
public final class Mcast6 {
    /** {@code MLD_MAX_QUEUE}: queries one run of the work handles. */
    static final int MLD_MAX_QUEUE = 8;
    /** {@code MLD_MAX_SKBS}: queries queued at most; more are dropped. */
    static final int MLD_MAX_SKBS = 32;

    /** What {@code mld_query_work()} does when queries are left after a run. */
    public enum QueryRework {
        /** 3e7d18b9dca3: queue itself again and return, or, if already queued, drop its reference. */
        REQUEUE_OR_PUT,
        /** Before 3e7d18b9dca3: queue itself again and keep its reference even when it was already queued. */
        REQUEUE_AND_KEEP
    }

    private final Workqueue mldWq = new Workqueue("mld");
    private final Map<Inet6Dev, MldQueryWork> works = new ConcurrentHashMap<>();
    private volatile QueryRework queryRework = QueryRework.REQUEUE_OR_PUT;
    private volatile Runnable whileNextRun;

    Mcast6() {}

    /** The {@code mld} workqueue: query work runs when it is flushed. */
    public Workqueue mldWq() {
        return mldWq;
    }

    /** Switches on the pre-fix behaviour of a historical bug, for the gallery. */
    public void setQueryRework(QueryRework rework) {
        queryRework = rework;
    }

    /** Model-only race: {@code otherCpu} runs on another thread while the next query work is running. */
    public void whileNextQueryWorkRuns(Runnable otherCpu) {
        whileNextRun = otherCpu;
    }

    /**
     * {@code igmp6_event_query(skb)}: an MLD query arrived on {@code dev}. Returns 0, or {@code -EINVAL} for a
     * device without IPv6 state, {@code -ENODEV} for one being removed.
     */
    public int igmp6EventQuery(NetDevice dev) {
        Inet6Dev idev = __in6DevGet(dev);
        if (idev == null) {
            return -Errno.EINVAL;
        }
        if (idev.isDead()) {
            return -Errno.ENODEV;
        }
        works.computeIfAbsent(idev, MldQueryWork::new).igmp6EventQuery();
        return 0;
    }

    /** Queries waiting on {@code dev}. */
    public int queuedQueries(NetDevice dev) {
        Inet6Dev idev = __in6DevGet(dev);
        MldQueryWork work = idev == null ? null : works.get(idev);
        return work == null ? 0 : work.queued;
    }

    /** {@code ipv6_mc_destroy_dev()}: {@code mld_query_stop_work()}, then the queue is purged. */
    void ipv6McDestroyDev(Inet6Dev idev) {
        MldQueryWork work = works.remove(idev);
        if (work != null) {
            work.mldQueryStopWork();
        }
    }

    /** {@code idev->mc_query_work} and {@code idev->mc_query_queue}. */
    public final class MldQueryWork {
        private final Inet6Dev idev;
        private final DelayedWork work;
        private int queued; // guarded by this: mc_query_lock

        MldQueryWork(Inet6Dev idev) {
            this.idev = idev;
            this.work = new DelayedWork("mld_query_work " + idev.dev().name(), this::mldQueryWork);
        }

        /** Queues a query; holds the {@code inet6_dev} if that queued the work. */
        void igmp6EventQuery() {
            synchronized (this) {
                if (queued >= MLD_MAX_SKBS) {
                    return;
                }
                queued++;
                if (!mldWq.modDelayedWork(work, 0)) {
                    in6DevHold(idev);
                }
            }
        }

        /** {@code mld_query_work()}. */
        void mldQueryWork() {
            Runnable otherCpu = whileNextRun;
            if (otherCpu != null) {
                whileNextRun = null;
                OtherCpu.run("ksoftirqd/1", otherCpu);
            }
            boolean rework = false;
            synchronized (this) {
                int cnt = 0;
                while (queued > 0) {
                    queued--;
                    if (++cnt >= MLD_MAX_QUEUE) {
                        rework = true;
                        if (queryRework == QueryRework.REQUEUE_AND_KEEP) {
                            mldWq.queueDelayedWork(work, 0); // schedule_delayed_work()
                        }
                        break;
                    }
                }
            }
            if (queryRework == QueryRework.REQUEUE_AND_KEEP) {
                if (!rework) {
                    in6DevPut(idev);
                }
                return;
            }
            if (rework && mldWq.queueDelayedWork(work, 0)) {
                return;
            }
            in6DevPut(idev);
        }

        /** {@code mld_query_stop_work()}: a cancelled work's reference is dropped. */
        void mldQueryStopWork() {
            synchronized (this) {
                queued = 0;
            }
            if (mldWq.cancelDelayedWork(work)) {
                __in6DevPut(idev);
            }
        }
    }
}
