package org.reftrace.bench;

import static org.reftrace.netdev.Dev.*;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.reftrace.agent.profile.Profiles;
import org.reftrace.agent.record.Attribution;
import org.reftrace.agent.record.ProfileRuntime;
import org.reftrace.agent.record.Recorder;
import org.reftrace.agent.record.RecorderConfig;
import org.reftrace.agent.record.Site;
import org.reftrace.netdev.Kernel;
import org.reftrace.netdev.NetDevice;

/**
 * The recorder alone, called in process as the agent's intake calls it: one hold and its put by one owner. The
 * difference to the agent's call-site row is what the advice and the intake cost (finding the object, nesting,
 * the call site's mark).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecorderBenchmark {
    private Recorder recorder;
    private ProfileRuntime netdev;
    private NetDevice dev;
    private Site holdSite;
    private Site putSite;
    private final Object owner = new Object();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Kernel kernel = Kernel.boot();
        dev = allocNetdev(kernel.initNet(), "bench%d", null, null);
        recorder = new Recorder(Profiles.load("netdev"), RecorderConfig.defaults());
        netdev = recorder.runtimes().get(0);
        holdSite = recorder.sites().get(recorder.sites().register("app.Worker", "run", "Worker.java", 10, 0));
        putSite = recorder.sites().get(recorder.sites().register("app.Worker", "run", "Worker.java", 11, 1));
        recorder.alloc(netdev, dev, new Attribution(holdSite, null, "main", 0));
    }

    @Benchmark
    public void holdAndPut() {
        String thread = Thread.currentThread().getName();
        recorder.hold(netdev, dev, null, 1, new Attribution(holdSite, owner, thread, 0));
        recorder.put(netdev, dev, null, 1, new Attribution(putSite, owner, thread, 0), recorder.frees());
    }
}
