package io.tickwarden.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy between one service and its upstream (Redis) that a test can cut off like a network partition,
 * without iptables: {@link #blackhole()} keeps every connection open but lets no byte through in either direction
 * (new connections are accepted and stall too), {@link #restore()} lets the held bytes flow again, {@link #cut()}
 * closes every connection at once. Bytes a side sent during the black hole are held (the proxy stops reading,
 * so they wait in socket buffers as they would in TCP retransmission) and delivered after {@link #restore()}.
 * Plain blocking sockets, two daemon threads per connection; for tests only.
 */
public final class TcpProxy implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final String upstreamHost;
    private final int upstreamPort;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private final AtomicLong accepted = new AtomicLong();
    private volatile boolean blackholed;
    private volatile boolean closed;

    private TcpProxy(String upstreamHost, int upstreamPort) {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        try {
            this.server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the proxy's port", e);
        }
        Thread.ofPlatform().daemon().name("tcp-proxy-accept-" + port()).start(this::acceptLoop);
    }

    /** A proxy on a free loopback port forwarding to {@code host:port}. */
    public static TcpProxy start(String upstreamHost, int upstreamPort) {
        return new TcpProxy(upstreamHost, upstreamPort);
    }

    /** The proxy's port (point the service at {@code localhost:port()}). */
    public int port() {
        return server.getLocalPort();
    }

    /** A Redis URL for the proxy, {@code redis://localhost:<port>}. */
    public String redisUrl() {
        return "redis://localhost:" + port();
    }

    /** Connections accepted so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Connections open now (both sides). */
    public int openConnections() {
        return sockets.size() / 2;
    }

    public boolean isBlackholed() {
        return blackholed;
    }

    /** From now on no byte flows either way; connections stay open, new ones are accepted and stall. */
    public void blackhole() {
        blackholed = true;
    }

    /** Bytes flow again, the held ones first. */
    public void restore() {
        synchronized (gate) {
            blackholed = false;
            gate.notifyAll();
        }
    }

    /** Closes every open connection at once (both sides); new ones are still accepted. */
    public void cut() {
        for (Socket s : List.copyOf(sockets)) {
            closeQuietly(s);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        restore();
        cut();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket downstream;
            try {
                downstream = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            Thread.ofPlatform().daemon().name("tcp-proxy-conn-" + port()).start(() -> connect(downstream));
        }
    }

    private void connect(Socket downstream) {
        sockets.add(downstream);
        Socket upstream = new Socket();
        try {
            upstream.connect(new InetSocketAddress(upstreamHost, upstreamPort), 5_000);
            sockets.add(upstream);
            downstream.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(downstream);
            closeQuietly(upstream);
            sockets.remove(downstream);
            return;
        }
        Thread.ofPlatform().daemon().name("tcp-proxy-up-" + port()).start(() -> pump(downstream, upstream));
        pump(upstream, downstream);
    }

    /** Copies {@code from} to {@code to}, holding every chunk while black-holed; closes both at the end. */
    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[BUFFER];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                awaitOpen();
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                // A read that was waiting when the black hole began must not slip its bytes through.
                awaitOpen();
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the connection ends; the peer sees it closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitOpen() throws InterruptedException {
        if (!blackholed) {
            return;
        }
        synchronized (gate) {
            while (blackholed && !closed) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
