package org.reftrace.samples.netty.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP/1.1 server as Netty's users write one: {@link HttpServerCodec}, {@link HttpObjectAggregator} and a
 * REST handler ({@link RestHandler}) on 127.0.0.1, keep-alive or not as the client asks. Only the handler is ours;
 * the codec, the aggregator, the allocator and the transport are Netty's, so every buffer they allocate, retain,
 * slice and release on the way is real Netty behaviour (4.1 or 4.2, whichever is on the class path).
 *
 * <p>Thread safety: {@link #start} and {@link #close} are for one thread; requests are served on Netty's event
 * loops.
 */
public final class RestServer implements AutoCloseable {
    private static final int MAX_CONTENT_BYTES = 1 << 20;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final RestHandler.Counters counters;
    private final Channel channel;

    private RestServer(EventLoopGroup boss, EventLoopGroup workers, Channel channel, RestHandler.Counters counters) {
        this.boss = boss;
        this.workers = workers;
        this.channel = channel;
        this.counters = counters;
    }

    /**
     * Binds a server on 127.0.0.1.
     *
     * @param port the port, or 0 for any free one ({@link #port()} says which)
     * @param workerThreads event-loop threads serving connections, at least 1
     */
    public static RestServer start(int port, int workerThreads) throws InterruptedException {
        EventLoopGroup boss = new NioEventLoopGroup(1);
        EventLoopGroup workers = new NioEventLoopGroup(workerThreads);
        RestHandler.Counters counters = new RestHandler.Counters();
        Channel channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_CONTENT_BYTES),
                                new RestHandler(counters));
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        return new RestServer(boss, workers, channel, counters);
    }

    /** The port the server listens on. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** What the handlers did so far, summed over connections. */
    public RestHandler.Counters counters() {
        return counters;
    }

    /** Closes the listening socket and every connection, and stops the event loops (waits for them). */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Runs the server until killed: {@code RestServer [PORT [WORKER_THREADS]]}; prints the port it listens on. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        RestServer server = start(port, threads);
        System.out.println("listening on 127.0.0.1:" + server.port());
        System.out.flush();
        server.channel.closeFuture().sync();
    }
}
