package io.tickwarden.bench.client;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * N real WebSocket clients on a Vert.x event loop (thousands of sockets on two threads), each with its own
 * subscriptions. Connections are opened at a bounded concurrency so the server sees a ramp, not a SYN flood; with
 * {@code reconnect} a closed client comes back after a second, like a real trading screen.
 */
public final class LoadClients implements ClientGroup, AutoCloseable {

    private final Vertx vertx;
    private final WebSocketClient client;
    private final String host;
    private final int port;
    private final WireProtocol protocol;
    private final ReceiptRecorder recorder;
    private final boolean reconnect;
    private final List<ClientStats> stats = new ArrayList<>();
    private final AtomicReferenceArray<WebSocket> sockets;
    private final AtomicInteger connectFailures = new AtomicInteger();
    private volatile boolean running = true;

    public LoadClients(
            Vertx vertx,
            String host,
            int port,
            WireProtocol protocol,
            List<List<String>> subscriptions,
            ReceiptRecorder recorder,
            boolean reconnect) {
        this(vertx, host, port, protocol, subscriptions, recorder, reconnect, -1);
    }

    /** @param receiveBufferBytes SO_RCVBUF of the sockets (small for a stalled client, so backpressure is quick) */
    public LoadClients(
            Vertx vertx,
            String host,
            int port,
            WireProtocol protocol,
            List<List<String>> subscriptions,
            ReceiptRecorder recorder,
            boolean reconnect,
            int receiveBufferBytes) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.protocol = protocol;
        this.recorder = recorder;
        this.reconnect = reconnect;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(4 * 1024 * 1024)
                .setMaxMessageSize(32 * 1024 * 1024)
                .setConnectTimeout(10_000)
                .setMaxConnections(100_000)
                .setTryUsePerMessageCompression(false)
                .setReceiveBufferSize(receiveBufferBytes));
        for (int i = 0; i < subscriptions.size(); i++) {
            stats.add(new ClientStats(i, subscriptions.get(i)));
        }
        this.sockets = new AtomicReferenceArray<>(subscriptions.size());
    }

    /** Opens every client, {@code concurrency} handshakes at a time; returns how many are open after {@code timeout}. */
    public int connectAll(int concurrency, Duration timeout) {
        CountDownLatch done = new CountDownLatch(stats.size());
        AtomicInteger next = new AtomicInteger();
        for (int k = 0; k < Math.min(concurrency, stats.size()); k++) {
            connectNext(next, done);
        }
        try {
            done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return openCount();
    }

    private void connectNext(AtomicInteger next, CountDownLatch done) {
        int i = next.getAndIncrement();
        if (i >= stats.size()) {
            return;
        }
        connect(i, () -> {
            done.countDown();
            connectNext(next, done);
        });
    }

    private void connect(int i, Runnable after) {
        if (!running) {
            after.run();
            return;
        }
        ClientStats s = stats.get(i);
        WebSocketConnectOptions options =
                new WebSocketConnectOptions().setHost(host).setPort(port).setURI(protocol.uri());
        client.connect(options).onComplete(ar -> {
            if (ar.succeeded()) {
                WebSocket ws = ar.result();
                sockets.set(i, ws);
                s.open = true;
                s.connects++;
                ws.closeHandler(v -> {
                    s.onClose(ws.closeStatusCode() == null ? 1006 : ws.closeStatusCode());
                    sockets.compareAndSet(i, ws, null);
                    scheduleReconnect(i);
                });
                ws.exceptionHandler(e -> {});
                // Whole messages: ws.handler() would hand over each frame, and the gateway fragments large
                // messages (16 KiB frames), so reassemble text/binary messages from their continuation frames.
                io.vertx.core.Handler<io.vertx.core.buffer.Buffer> onMessage = protocol.open(ws, s, recorder);
                io.vertx.core.buffer.Buffer[] partial = {null};
                ws.frameHandler(frame -> {
                    if (!(frame.isText() || frame.isBinary() || frame.isContinuation())) {
                        return;
                    }
                    if (frame.isFinal() && partial[0] == null) {
                        onMessage.handle(frame.binaryData());
                        return;
                    }
                    if (partial[0] == null) {
                        partial[0] = io.vertx.core.buffer.Buffer.buffer(64 * 1024);
                    }
                    partial[0].appendBuffer(frame.binaryData());
                    if (frame.isFinal()) {
                        io.vertx.core.buffer.Buffer whole = partial[0];
                        partial[0] = null;
                        onMessage.handle(whole);
                    }
                });
            } else {
                connectFailures.incrementAndGet();
                scheduleReconnect(i);
            }
            after.run();
        });
    }

    private void scheduleReconnect(int i) {
        if (running && reconnect) {
            vertx.setTimer(1000, t -> {
                if (running && sockets.get(i) == null) {
                    connect(i, () -> {});
                }
            });
        }
    }

    @Override
    public List<ClientStats> stats() {
        return stats;
    }

    public int openCount() {
        return (int) stats.stream().filter(ClientStats::open).count();
    }

    public int connectFailures() {
        return connectFailures.get();
    }

    public long totalTicks() {
        return stats.stream().mapToLong(ClientStats::ticks).sum();
    }

    /** Stops reading from client {@code i}'s socket (TCP backpressure reaches the server): a stalled screen. */
    public void pause(int i) {
        WebSocket ws = sockets.get(i);
        if (ws != null) {
            vertx.runOnContext(v -> ws.pause());
        }
    }

    public void resume(int i) {
        WebSocket ws = sockets.get(i);
        if (ws != null) {
            vertx.runOnContext(v -> ws.resume());
        }
    }

    /** Sends a raw text message from client {@code i} (fuzzing); false if it is not connected. */
    public boolean sendText(int i, String text) {
        WebSocket ws = sockets.get(i);
        if (ws == null) {
            return false;
        }
        ws.writeTextMessage(text);
        return true;
    }

    @Override
    public void close() {
        running = false;
        CountDownLatch closed = new CountDownLatch(stats.size());
        for (int i = 0; i < stats.size(); i++) {
            WebSocket ws = sockets.getAndSet(i, null);
            if (ws != null) {
                ws.close().onComplete(ar -> closed.countDown());
            } else {
                closed.countDown();
            }
        }
        try {
            closed.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }
}
