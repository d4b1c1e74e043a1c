package org.reftrace.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
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

/**
 * The recorder alone on what a Netty server does with each buffer (measured on the server benchmark: about four
 * per request): allocated, handed to a handler ({@code channelRead}, a transfer), released by it, which frees it.
 * Every operation is a new buffer, so the recorder makes an object's state and forgets it each time, as on the
 * server's event loop. {@code bare} is the same buffer work without the recorder, the baseline of this pair.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.openjdk.jmh.Main BufferLifecycleBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BufferLifecycleBenchmark {
    private final UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false, true);
    private Recorder recorder;
    private ProfileRuntime netty;
    private Site allocSite;
    private Site readSite;
    private Site releaseSite;
    private final Object handler = new Object();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        recorder = new Recorder(Profiles.load("netty"), RecorderConfig.defaults());
        netty = recorder.runtimes().get(0);
        allocSite = site("io.netty.handler.codec.ByteToMessageDecoder", "channelRead", 10, 0);
        readSite = site("app.Handler", "channelRead", 20, 1);
        releaseSite = site("app.Handler", "channelRead", 21, 2);
    }

    private Site site(String className, String method, int line, int target) {
        return recorder.sites().get(recorder.sites().register(className, method, "Bench.java", line, target));
    }

    @Benchmark
    public boolean bare() {
        ByteBuf buf = allocator.heapBuffer(16);
        return buf.release();
    }

    @Benchmark
    public boolean recorded() {
        String thread = Thread.currentThread().getName();
        ByteBuf buf = allocator.heapBuffer(16);
        recorder.alloc(netty, buf, new Attribution(allocSite, null, thread, 0));
        recorder.transfer(netty, buf, handler, new Attribution(readSite, handler, thread, 0));
        boolean freed = buf.release();
        recorder.put(netty, buf, null, 1, new Attribution(releaseSite, handler, thread, 0), recorder.frees());
        return freed;
    }
}
