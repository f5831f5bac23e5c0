package io.tickwarden.kitesim.support;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A raw ticker client on the JDK's WebSocket: records every binary frame, text frame and pong, and tells a close
 * frame ({@link #closeCode}) from a connection cut without one ({@link #error}).
 */
public final class TickerClient implements WebSocket.Listener, AutoCloseable {

    public final List<byte[]> binaryFrames = new CopyOnWriteArrayList<>();
    public final List<String> textFrames = new CopyOnWriteArrayList<>();
    public final AtomicInteger pongs = new AtomicInteger();
    public final AtomicInteger closeCode = new AtomicInteger(-1);
    public final AtomicReference<Throwable> error = new AtomicReference<>();
    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
    private final StringBuilder partialText = new StringBuilder();
    private WebSocket webSocket;

    public static TickerClient connect(int port, String apiKey, String accessToken) {
        TickerClient client = new TickerClient();
        URI uri = URI.create("ws://localhost:" + port + "/?api_key=" + apiKey + "&access_token=" + accessToken);
        client.webSocket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, client)
                .join();
        return client;
    }

    /**
     * The HTTP status the upgrade was refused with, 101 when it was accepted, or -1 when it failed without an HTTP
     * answer (the connection was cut).
     */
    public static int handshakeStatus(int port, String apiKey, String accessToken) {
        URI uri = URI.create("ws://localhost:" + port + "/?api_key=" + apiKey + "&access_token=" + accessToken);
        try {
            WebSocket ws = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, new WebSocket.Listener() {})
                    .get(30, TimeUnit.SECONDS);
            ws.abort();
            return 101;
        } catch (Exception e) {
            Throwable cause = e instanceof CompletionException || e.getCause() != null ? e.getCause() : e;
            if (cause instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            return -1;
        }
    }

    public void send(String json) {
        webSocket.sendText(json, true).join();
    }

    public void ping() {
        webSocket.sendPing(ByteBuffer.wrap(new byte[] {1})).join();
    }

    /**
     * Pings and waits for the pong. Frames on one socket arrive in order, so once the pong is in, every frame the
     * server sent before it answered the ping (e.g. before a fault was switched on) has been received too.
     */
    public void sync() {
        int before = pongs.get();
        ping();
        await("pong").atMost(Duration.ofSeconds(10)).until(() -> pongs.get() > before);
    }

    public long tickFrames() {
        return binaryFrames.stream().filter(f -> f.length > 1).count();
    }

    public long heartbeats() {
        return binaryFrames.stream().filter(f -> f.length == 1).count();
    }

    public boolean isDead() {
        return error.get() != null || closeCode.get() >= 0;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        synchronized (partialBinary) {
            partialBinary.writeBytes(bytes);
            if (last) {
                binaryFrames.add(partialBinary.toByteArray());
                partialBinary.reset();
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (partialText) {
            partialText.append(data);
            if (last) {
                textFrames.add(partialText.toString());
                partialText.setLength(0);
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        pongs.incrementAndGet();
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.set(statusCode);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        this.error.set(error);
    }

    @Override
    public void close() {
        if (webSocket != null) {
            webSocket.abort();
        }
    }
}
