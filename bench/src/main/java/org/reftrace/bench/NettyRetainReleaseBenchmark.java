package org.reftrace.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The peer: Netty's own leak detector on an equivalent retain + release of a pooled buffer, at the level set
 * per run with {@code -Dio.netty.leakDetection.level} (DISABLED, SIMPLE, ADVANCED, PARANOID). {@link BenchMain}
 * sets {@code samplingInterval=1}, so at SIMPLE and ADVANCED the measured buffer is one Netty tracks (by default
 * only 1 in 128 is); PARANOID tracks every buffer and records every retain and release.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NettyRetainReleaseBenchmark {
    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private ByteBuf buffer;

    @Setup(Level.Trial)
    public void setUp() {
        buffer = allocator.buffer(64);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        buffer.release();
    }

    @Benchmark
    public void retainRelease() {
        buffer.retain();
        buffer.release();
    }
}
