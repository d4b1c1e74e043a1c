package org.reftrace.stack;

import static org.reftrace.inet.Inetdevice.*;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reftrace.inet.InDevice;
import org.reftrace.inet.IpAddr;
import org.reftrace.inet.OtherCpu;
import org.reftrace.inet.TimerBase;
import org.reftrace.inet.TimerList;
import org.reftrace.netdev.Errno;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevEvent;

/**
 * {@code net/ipv4/igmp.c}, the IGMPv3 interface-change report: joining a group on a device arms
 * {@code in_dev->mr_ifc_timer}, which holds the device's {@link InDevice} while pending and re-arms itself until
 * the report has been sent robustness-variable times; {@code ip_mc_down()} (the device going down) deletes a
 * pending timer and drops its reference. A handler already running when the device goes away still drops its
 * own reference at the end; how it drops it is {@link TimerPut}.
 *
 * <p>Model-only: timers expire when {@link #timers()} run; {@link #whileNextHandlerRuns} lets a scenario say
 * what another CPU does while a handler that does not re-arm is running.
 */
public final class Igmp implements NotifierModule {
    /** {@code IGMP_QUERY_ROBUSTNESS_VARIABLE}: reports sent per change. */
    static final int QRV = 2;

    /** How the timer handler drops its reference on the {@code in_device}. */
    public enum TimerPut {
        /** e2401654dd0f: {@code in_dev_put()}, which destroys the in_device if it was the last reference. */
        IN_DEV_PUT,
        /** Before e2401654dd0f: {@code __in_dev_put()}, a plain decrement that never destroys. */
        PLAIN_DECREMENT
    }

    private final TimerBase timers = new TimerBase("ksoftirqd/1");
    private final Map<InDevice, IfcTimer> ifcTimers = new ConcurrentHashMap<>();
    private volatile TimerPut timerPut = TimerPut.IN_DEV_PUT;
    private volatile Runnable whileNextRun;

    @Override
    public String name() {
        return "igmp";
    }

    /** Model-only time machine: a historical bug's pre-fix behaviour, for the gallery. */
    public void setTimerPut(TimerPut put) {
        timerPut = put;
    }

    /** The interface-change timers: they expire when run. */
    public TimerBase timers() {
        return timers;
    }

    /** Model-only race: {@code otherCpu} runs while the next handler that does not re-arm is running. */
    public void whileNextHandlerRuns(Runnable otherCpu) {
        whileNextRun = otherCpu;
    }

    /**
     * {@code ip_mc_join_group()} → {@code ip_mc_inc_group()} ({@code setsockopt(IP_ADD_MEMBERSHIP)}): joins
     * {@code group} on {@code devName}, which schedules an interface-change report ({@code igmp_ifc_event()}).
     * Returns 0, {@code -ENODEV} or {@code -EINVAL} (not a multicast address).
     */
    public int ipMcJoinGroup(Net net, String devName, String group) {
        IpAddr addr = IpAddr.parse(group).orElse(null);
        if (addr == null || (addr.lo() >>> 28) != 0xe) {
            return -Errno.EINVAL;
        }
        return RtnlRequest.onDevice(net, devName, org.reftrace.inet.Inetdevice::__inDevGetRtnl, inDev -> {
            IfcTimer ifc = ifcTimers.computeIfAbsent(inDev, IfcTimer::new);
            ifc.count = QRV; // igmp_ifc_event(): in_dev->mr_ifc_count = in_dev->mr_qrv
            ifc.igmpIfcStartTimer(1);
            return 0;
        });
    }

    /** {@code ip_mc_down()} on NETDEV_DOWN; {@code ip_mc_destroy_dev()} on NETDEV_UNREGISTER. */
    @Override
    public int onEvent(NetdevEvent event, NetDevice dev) {
        if (event == NetdevEvent.DOWN || event == NetdevEvent.UNREGISTER) {
            InDevice inDev = __inDevGetRcu(dev);
            IfcTimer ifc = inDev == null ? null : ifcTimers.get(inDev);
            if (ifc != null) {
                ifc.ipMcDown();
                if (event == NetdevEvent.UNREGISTER) {
                    ifcTimers.remove(inDev);
                }
            }
        }
        return 0;
    }

    /** {@code in_dev->mr_ifc_timer}: holds the {@code in_device} while pending. */
    public final class IfcTimer {
        private final InDevice inDev;
        private final TimerList timer;
        volatile int count;

        IfcTimer(InDevice inDev) {
            this.inDev = inDev;
            this.timer = new TimerList(timers, "mr_ifc_timer " + inDev.dev().name(), this::igmpIfcTimerExpire);
        }

        /** {@code igmp_ifc_start_timer()}: holds the in_device if the timer was not already pending. */
        void igmpIfcStartTimer(long delay) {
            if (!timer.modTimer(delay)) {
                inDevHold(inDev);
            }
        }

        /** {@code igmp_ifc_timer_expire()}: sends the report, re-arms while reports remain, drops its reference. */
        void igmpIfcTimerExpire() {
            if (count > 0) {
                count--;
                igmpIfcStartTimer(1);
            } else {
                Runnable otherCpu = whileNextRun;
                if (otherCpu != null) {
                    whileNextRun = null;
                    OtherCpu.run("cpu0", otherCpu);
                }
            }
            if (timerPut == TimerPut.PLAIN_DECREMENT) {
                __inDevPut(inDev);
            } else {
                inDevPut(inDev);
            }
        }

        /** {@code ip_mc_down()}: a pending timer's reference is dropped ({@code del_timer()} said it was pending). */
        void ipMcDown() {
            if (timer.delTimer()) {
                __inDevPut(inDev);
            }
        }
    }
}
