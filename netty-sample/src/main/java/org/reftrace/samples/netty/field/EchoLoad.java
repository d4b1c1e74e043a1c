package org.reftrace.samples.netty.field;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/**
 * A client for Netty's {@code EchoServer} over plain JDK sockets: sends messages of a fixed size and checks that
 * each comes back byte for byte, on one connection or a new connection per message. Bounded in count.
 */
public final class EchoLoad {
    private EchoLoad() {}

    /**
     * Sends {@code count} messages of {@code size} bytes to 127.0.0.1:port.
     *
     * @param keepAlive all messages on one connection, or one connection each
     * @return how many came back intact
     * @throws IOException if one came back different, or the server closed early
     */
    public static int run(int port, int count, int size, boolean keepAlive) throws IOException {
        byte[] message = new byte[size];
        byte[] back = new byte[size];
        Socket socket = null;
        try {
            for (int i = 0; i < count; i++) {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                }
                Arrays.fill(message, (byte) ('a' + i % 26));
                OutputStream out = socket.getOutputStream();
                out.write(message);
                out.flush();
                InputStream in = socket.getInputStream();
                if (in.readNBytes(back, 0, size) < size || !Arrays.equals(message, back)) {
                    throw new IOException("message " + i + " did not come back intact");
                }
                if (!keepAlive) {
                    socket.close();
                    socket = null;
                }
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
        return count;
    }
}
