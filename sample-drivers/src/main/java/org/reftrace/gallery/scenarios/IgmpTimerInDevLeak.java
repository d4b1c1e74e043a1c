package org.reftrace.gallery.scenarios;

import static org.reftrace.netdev.Dev.*;

import java.util.List;
import org.reftrace.drivers.Dummy;
import org.reftrace.gallery.AbstractScenario;
import org.reftrace.gallery.Outcome;
import org.reftrace.gallery.ScenarioContext;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.LinkAttrs;
import org.reftrace.netdev.Net;
import org.reftrace.netdev.NetDevice;
import org.reftrace.stack.Igmp;
import org.reftrace.stack.IpStack;

/**
 * e2401654dd0f "ipv4 igmp: use in_dev_put in timer handlers instead of __in_dev_put" (2011). A put on the timer's
 * softirq, after unregistration began, of the last reference on an object at the bottom of a device's chain.
 */
public final class IgmpTimerInDevLeak extends AbstractScenario {

    public IgmpTimerInDevLeak() {
        super("igmp-timer-in-dev-leak", List.of("e2401654dd0f"), Outcome.HANG, "IfcTimer.igmpIfcTimerExpire",
                "an IGMP timer handler still running when its device goes drops the in_device's last reference "
                        + "with __in_dev_put(), which never destroys it",
                "The IGMPv3 interface-change timer holds the device's in_device while pending; its handler drops "
                        + "that reference when it ends, with __in_dev_put(), a plain decrement, on the assumption that "
                        + "someone else still holds the in_device. But the handler can be running when the device is "
                        + "deleted: ip_mc_down() finds no pending timer to stop, inetdev_destroy() drops the ip_ptr "
                        + "reference after a grace period, and the handler's decrement is then the last one. Nothing "
                        + "destroys the in_device, which keeps its reference on the device: \"waiting for dummy0 to "
                        + "become free\". The same handler on dummy1, which nobody deletes meanwhile, is harmless. "
                        + "e2401654dd0f uses in_dev_put(), which destroys the in_device when it is the last reference.");
    }

    @Override
    public void run(ScenarioContext ctx) {
        ctx.load(new Dummy());
        IpStack ip = ctx.load(new IpStack());
        Igmp igmp = ctx.load(new Igmp());
        if (ctx.buggy()) {
            igmp.setTimerPut(Igmp.TimerPut.PLAIN_DECREMENT);
        }
        Net net = ctx.net();
        Kernel kernel = ctx.kernel();
        for (String[] dev : new String[][] {{"dummy0", "10.0.0.1/24"}, {"dummy1", "10.1.0.1/24"}}) {
            ctx.linkAdd("dummy", LinkAttrs.named(dev[0]));
            ctx.linkSet(dev[0], true);
            ctx.ip("ip addr add " + dev[1] + " dev " + dev[0], () -> ip.inet().inetRtmNewaddr(net, dev[0], dev[1]));
        }
        NetDevice dummy0 = ctx.device("dummy0");
        ctx.say("# a socket joins 239.1.1.1 on both devices: each change report's timer holds the device's in_device");
        igmp.ipMcJoinGroup(net, "dummy0", "239.1.1.1");
        igmp.ipMcJoinGroup(net, "dummy1", "239.1.1.1");
        ctx.say("# the reports are sent; each handler re-arms its timer while reports remain");
        igmp.timers().runTimers();
        igmp.timers().runTimers();
        ctx.say("# dummy0's last handler is running on CPU1 when CPU0 deletes dummy0");
        igmp.whileNextHandlerRuns(() -> {
            ctx.say("$ ip link del dummy0    # on CPU0: ip_mc_down() finds no pending timer");
            rtnlLock(kernel);
            unregisterNetdevice(dummy0);
            kernel.rcu().gracePeriod(); // in_dev_rcu_put(): the ip_ptr reference goes
            kernel.rtnl().unlockWithoutTodo(); // the todo list waits for the next rtnl_unlock()
        });
        igmp.timers().runTimers();
        ctx.say("$ ip link show    # the next rtnl_unlock() finishes dummy0's unregistration");
        rtnlLock(kernel);
        rtnlUnlock(kernel);
        ctx.linkDel("dummy1");
    }
}
