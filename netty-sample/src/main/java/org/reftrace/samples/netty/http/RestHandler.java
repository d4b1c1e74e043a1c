package org.reftrace.samples.netty.http;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.concurrent.atomic.LongAdder;

/**
 * A REST handler written the way netty/netty#6930's {@code RestfulServiceHandler} was: a plain
 * {@link ChannelInboundHandlerAdapter} that receives each {@link FullHttpRequest} from the aggregator and must
 * release it itself. Three of its {@link Route}s carry a bug; each is on its own route so a client chooses how
 * often it happens:
 * <ul>
 *   <li>{@link Route#ADMIN}: answers 403 and returns without releasing the request (a leak: the aggregated request,
 *       its composite content and the decoder's slices under it stay allocated);</li>
 *   <li>{@link Route#UPLOAD} with an empty body: releases the request on the error path and again in
 *       {@code finally} (a double release: Netty throws {@code IllegalReferenceCountException} from the second);</li>
 *   <li>{@link Route#PREVIEW}: keeps {@code retainedSlice} of the body for a log line, releases the request, and
 *       never releases the slice (a leak of the slice, which pins the body).</li>
 * </ul>
 * Every other request ({@link Route#HELLO}, unknown paths) is answered and released correctly.
 *
 * <p>Thread safety: one instance per connection; the counters are shared and concurrent.
 */
public final class RestHandler extends ChannelInboundHandlerAdapter {
    /** What the handlers did, summed over connections; thread-safe. */
    public static final class Counters {
        final LongAdder served = new LongAdder();
        final LongAdder leaked = new LongAdder();
        final LongAdder doubleReleased = new LongAdder();
        final LongAdder slicesLeaked = new LongAdder();
        final LongAdder exceptions = new LongAdder();

        /** One line for logs and tests: {@code served=N leaked=N double-released=N slices-leaked=N exceptions=N}. */
        @Override
        public String toString() {
            return "served=" + served.sum() + " leaked=" + leaked.sum() + " double-released=" + doubleReleased.sum()
                    + " slices-leaked=" + slicesLeaked.sum() + " exceptions=" + exceptions.sum();
        }
    }

    private static final byte[] HELLO = "Hello World".getBytes(US_ASCII);

    private final Counters counters;

    RestHandler(Counters counters) {
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest)) {
            ctx.fireChannelRead(msg);
            return;
        }
        FullHttpRequest req = (FullHttpRequest) msg;
        counters.served.increment();
        Route route = Route.of(req.uri());
        if (route == Route.ADMIN) {
            if (!req.headers().contains("X-Admin-Token")) {
                counters.leaked.increment();
                respond(ctx, req, HttpResponseStatus.FORBIDDEN, "forbidden");
                return; // the bug (netty/netty#6930's pattern): this branch forgets req.release()
            }
        } else if (route == Route.UPLOAD) {
            upload(ctx, req);
            return;
        } else if (route == Route.PREVIEW) {
            preview(ctx, req);
            return;
        }
        respond(ctx, req, HttpResponseStatus.OK, null);
        req.release();
    }

    private void upload(ChannelHandlerContext ctx, FullHttpRequest req) {
        try {
            if (!req.content().isReadable()) {
                respond(ctx, req, HttpResponseStatus.BAD_REQUEST, "empty upload");
                counters.doubleReleased.increment();
                req.release(); // the bug: released here, and again in finally
                return;
            }
            respond(ctx, req, HttpResponseStatus.OK, "stored " + req.content().readableBytes() + " bytes");
        } finally {
            req.release(); // on the error path, this is the second release
        }
    }

    private void preview(ChannelHandlerContext ctx, FullHttpRequest req) {
        ByteBuf content = req.content();
        ByteBuf head = content.retainedSlice(content.readerIndex(), Math.min(8, content.readableBytes()));
        counters.slicesLeaked.increment();
        // the bug: head is kept for the log line below and never released; it pins the request's body
        respond(ctx, req, HttpResponseStatus.OK, "preview " + head.toString(US_ASCII));
        req.release();
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String text) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        ByteBuf body = text == null ? Unpooled.wrappedBuffer(HELLO) : Unpooled.copiedBuffer(text, US_ASCII);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Counts and prints what a route threw (the double release's {@code IllegalReferenceCountException}); keeps the connection. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        counters.exceptions.increment();
        System.err.println("rest: " + cause);
    }
}
