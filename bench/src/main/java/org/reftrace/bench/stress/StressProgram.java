package org.reftrace.bench.stress;

import static org.reftrace.netdev.Dev.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelConfig;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.ScaledClock;

/**
 * The program the stress run watches: {@code threads} threads each take and drop {@code pairs} references on a
 * device of its own (a {@code devHold} and its {@code devPut}), and every {@link #LEAK_EVERY} pairs a
 * {@link Leaker} takes one it never drops: {@code threads × pairs / LEAK_EVERY} known leaks, all at one site.
 * Prints one line: {@code stress: pairs=N leaks=L work-ms=T}.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.reftrace.bench.stress.StressProgram [threads] [pairs]</pre>
 */
public final class StressProgram {
    /** One leaked reference for this many pairs. */
    static final int LEAK_EVERY = 100_000;

    private StressProgram() {}

    /** The holder that forgets: its one call site is the culprit the report must name. */
    static final class Leaker {
        void grab(NetDevice dev) {
            devHold(dev);
        }
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Kernel kernel = Kernel.boot(KernelConfig.defaults().withRefcntTracker(false), ScaledClock.realTime(), null);
        List<NetDevice> devices = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            NetDevice dev = allocNetdev(kernel.initNet(), "stress%d", null, null);
            registerNetdev(dev);
            devices.add(dev);
        }
        Leaker leaker = new Leaker();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            NetDevice dev = devices.get(i);
            Thread worker = new Thread(() -> {
                await(start);
                for (int n = 1; n <= pairs; n++) {
                    devHold(dev);
                    devPut(dev);
                    if (n % LEAK_EVERY == 0) {
                        leaker.grab(dev);
                    }
                }
            }, "stress-" + i);
            workers.add(worker);
            worker.start();
        }
        long began = System.nanoTime();
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        long workMillis = (System.nanoTime() - began) / 1_000_000;
        System.out.println("stress: pairs=" + (long) threads * pairs + " leaks=" + (long) threads * (pairs / LEAK_EVERY)
                + " work-ms=" + workMillis);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
