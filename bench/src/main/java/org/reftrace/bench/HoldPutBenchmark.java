package org.reftrace.bench;

import static org.reftrace.netdev.Dev.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.KernelConfig;
import org.reftrace.netdev.NetDevice;
import org.reftrace.netdev.NetdevTracker;
import org.reftrace.netdev.ScaledClock;

/**
 * One hold and its put on a registered device of the netdev model. Without an agent this is the floor; under
 * {@code -javaagent} (added per run by {@link BenchMain}) the calls below are rewritten like any program's, so
 * the figure is the whole cost of recording a reference and pairing its release. Each thread works on its own
 * device; {@code outstanding} references, held by another owner, sit on the same device throughout.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HoldPutBenchmark {
    @Param({"0"})
    public int outstanding;

    private Kernel kernel;
    private NetDevice dev;
    private final NetdevTracker tracker = new NetdevTracker();
    private final List<Object> otherOwners = new ArrayList<>();

    /** Another owner, so that the outstanding holds never pair with this benchmark's puts. */
    static final class Holder {
        void grab(NetDevice dev) {
            devHold(dev);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        AgentCheck.started();
        // The model's own CONFIG_NET_DEV_REFCNT_TRACKER saves a stack per tracked hold (the kernel's debug cost,
        // about 19 µs here): off, so that the tracked pair measures the agent, not the model.
        kernel = Kernel.boot(KernelConfig.defaults().withRefcntTracker(false), ScaledClock.realTime(), null);
        dev = allocNetdev(kernel.initNet(), "bench%d", null, null);
        registerNetdev(dev);
        Holder holder = new Holder();
        otherOwners.add(holder);
        for (int i = 0; i < outstanding; i++) {
            holder.grab(dev);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        otherOwners.clear();
    }

    /** {@code dev_hold} + {@code dev_put}, paired by owner. */
    @Benchmark
    public void untrackedPair() {
        devHold(dev);
        devPut(dev);
    }

    /** {@code netdev_hold} + {@code netdev_put} through one tracker, paired exactly. */
    @Benchmark
    public void trackedPair() {
        netdevHold(dev, tracker);
        netdevPut(dev, tracker);
    }
}
