package org.reftrace.samples.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * A Netty pipeline with a leak: {@link AuditHandler} drops frames that are too short without releasing them.
 * Everything else is ordinary Netty: a producer allocates frames, a counter passes them on, a sink releases them.
 * Run it under Netty's PARANOID detector or under reftrace's {@code netty} profile and compare (docs/netty.md).
 */
public final class LeakyPipeline {
    static final int FRAMES = 10;

    /** Allocates frames: whoever allocates a buffer holds it until it hands it to the pipeline. */
    static final class Producer {
        ByteBuf frame(ByteBufAllocator allocator, int size) {
            ByteBuf frame = allocator.buffer(size);
            frame.writeZero(size);
            return frame;
        }
    }

    /** Counts frames and passes them on. */
    static final class FrameCounter extends ChannelInboundHandlerAdapter {
        int frames;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            frames++;
            ctx.fireChannelRead(msg);
        }
    }

    /** Rejects frames shorter than a header. The bug: a rejected frame is neither released nor passed on. */
    static final class AuditHandler extends ChannelInboundHandlerAdapter {
        int rejected;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            if (frame.readableBytes() < 4) {
                rejected++;
                return; // leaks the frame: should be frame.release()
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Consumes frames and releases them, as the last handler must. */
    static final class Sink extends ChannelInboundHandlerAdapter {
        int consumed;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            consumed++;
            ((ByteBuf) msg).release();
        }
    }

    private LeakyPipeline() {}

    public static void main(String[] args) throws InterruptedException {
        AuditHandler audit = new AuditHandler();
        Sink sink = new Sink();
        run(audit, sink);
        LeakDetectorNudge.run();
        System.out.println("frames: " + FRAMES + ", consumed: " + sink.consumed + ", rejected (leaked): " + audit.rejected);
    }

    private static void run(AuditHandler audit, Sink sink) {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameCounter(), audit, sink);
        Producer producer = new Producer();
        for (int i = 0; i < FRAMES; i++) {
            channel.writeInbound(producer.frame(channel.alloc(), i % 3 == 0 ? 2 : 16));
        }
        channel.finishAndReleaseAll();
    }
}
