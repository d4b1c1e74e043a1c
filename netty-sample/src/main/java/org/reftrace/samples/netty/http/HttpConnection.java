package org.reftrace.samples.netty.http;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One HTTP/1.1 client connection to 127.0.0.1 over plain JDK sockets (no Netty on the client side, so nothing the
 * client does shows up in a profile of the server). It sends one request at a time and reads the whole response
 * (bodies with a {@code Content-Length}, or ending where the server closes the connection).
 *
 * <p>Not thread-safe: one connection per thread.
 */
public final class HttpConnection implements AutoCloseable {
    /** A response: its status code, body and whether the server asked to close the connection. */
    public record Response(int status, byte[] body, boolean close) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private final byte[] line = new byte[8192];

    /** Connects to {@code 127.0.0.1:port}. */
    public HttpConnection(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        in = new BufferedInputStream(socket.getInputStream(), 16384);
        out = new BufferedOutputStream(socket.getOutputStream(), 16384);
        host = "127.0.0.1:" + port;
    }

    /**
     * Sends one request and reads its response.
     *
     * @param path the request target, e.g. {@code /hello}
     * @param body the body to POST, or null for a GET
     * @param keepAlive whether to ask the server to keep the connection open afterwards
     */
    public Response send(String path, byte[] body, boolean keepAlive) throws IOException {
        StringBuilder head = new StringBuilder(128).append(body == null ? "GET " : "POST ").append(path)
                .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        if (body != null) {
            head.append("Content-Type: text/plain\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        return read(!keepAlive);
    }

    private Response read(boolean closing) throws IOException {
        String status = readLine();
        if (!status.startsWith("HTTP/1.") || status.length() < 12) {
            throw new IOException("not an HTTP response: '" + status + "'");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean close = closing; // a server may close after a request that asked it to without saying so
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        if (length < 0) {
            if (!close) {
                throw new IOException("response without Content-Length on a kept-alive connection (status " + code + ")");
            }
            return new Response(code, in.readAllBytes(), true); // the body ends where the connection does
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("response body cut after " + body.length + " of " + length + " bytes");
        }
        return new Response(code, body, close);
    }

    private String readLine() throws IOException {
        int n = 0;
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (n == line.length) {
                throw new IOException("header line longer than " + line.length + " bytes");
            }
            line[n++] = (byte) b;
        }
        return new String(line, 0, n > 0 && line[n - 1] == '\r' ? n - 1 : n, US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
