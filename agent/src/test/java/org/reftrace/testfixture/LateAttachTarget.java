package org.reftrace.testfixture;

import static org.reftrace.netdev.Dev.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelConfig;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.ScaledClock;

/**
 * A program for attach tests: takes a reference on eth0 before any agent is there, says "ready", waits for a
 * file to appear (the attach), then takes one more reference from a known owner and deletes eth0, whose wait
 * gives up after a few model seconds.
 */
public final class LateAttachTarget {
    /** The holder that takes its reference after the attach. */
    static final class LateHolder {
        void grab(NetDevice dev) {
            devHold(dev);
        }
    }

    private LateAttachTarget() {}

    public static void main(String[] args) throws Exception {
        Path go = Path.of(args[0]);
        Kernel kernel = Kernel.boot(KernelConfig.defaults().withWaitEscape(Duration.ofSeconds(12)),
                new ScaledClock(20), System.out);
        NetDevice dev = allocNetdev(kernel.initNet(), "eth0", null, null);
        registerNetdev(dev);
        devHold(dev); // before the attach: unattributed
        System.out.println("ready");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(go) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        new LateHolder().grab(dev);
        unregisterNetdev(dev);
        System.out.println("done");
    }
}
