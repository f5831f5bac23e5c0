package io.tickwarden.smartapisim.support;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A raw WebSocket 2.0 client on the JDK's WebSocket: records every binary and text message (with its arrival
 * time), and tells a close frame ({@link #closeCode}) from a connection cut without one ({@link #error}).
 */
public final class StreamClient implements WebSocket.Listener, AutoCloseable {

    /** A binary message and when it arrived ({@code System.nanoTime()}). */
    public record Packet(byte[] bytes, long receivedNanos) {}

    /** The outcome of a handshake: 101, or the refusal's status and {@code x-error-message}; -1 for a cut. */
    public record Handshake(int status, String errorMessage) {}

    public final List<Packet> packets = new CopyOnWriteArrayList<>();
    public final List<String> texts = new CopyOnWriteArrayList<>();
    public final AtomicInteger pongs = new AtomicInteger();
    public final AtomicInteger closeCode = new AtomicInteger(-1);
    public final AtomicReference<Throwable> error = new AtomicReference<>();
    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
    private final StringBuilder partialText = new StringBuilder();
    private WebSocket webSocket;

    /** Headers as the JavaScript SDK sends them: JWT, api key, client code, feed token. */
    public static Map<String, String> sdkHeaders(Angel.Session s) {
        return Map.of(
                "Authorization",
                s.jwt(),
                "x-api-key",
                Angel.API_KEY,
                "x-client-code",
                Angel.CLIENT_CODE,
                "x-feed-token",
                s.feedToken());
    }

    public static StreamClient connect(int port, Map<String, String> headers, String query) {
        StreamClient client = new StreamClient();
        WebSocket.Builder builder =
                HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        client.webSocket = builder.buildAsync(uri(port, query), client).join();
        return client;
    }

    public static StreamClient connect(int port, Angel.Session s) {
        return connect(port, sdkHeaders(s), "");
    }

    public static Handshake handshake(int port, Map<String, String> headers, String query) {
        WebSocket.Builder builder =
                HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        try {
            WebSocket ws = builder.buildAsync(uri(port, query), new WebSocket.Listener() {})
                    .get(30, TimeUnit.SECONDS);
            ws.abort();
            return new Handshake(101, null);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof WebSocketHandshakeException h) {
                HttpHeaders responseHeaders = h.getResponse().headers();
                return new Handshake(
                        h.getResponse().statusCode(),
                        responseHeaders.firstValue("x-error-message").orElse(null));
            }
            return new Handshake(-1, null);
        }
    }

    private static URI uri(int port, String query) {
        return URI.create("ws://localhost:" + port + "/smart-stream" + (query.isEmpty() ? "" : "?" + query));
    }

    public void send(String text) {
        webSocket.sendText(text, true).join();
    }

    /**
     * Sends the text {@code ping} and waits for its {@code pong}. Messages on one socket arrive in order, so once
     * the pong is in, everything the server sent before it answered has been received too.
     */
    public void sync() {
        int before = pongs.get();
        send("ping");
        await("pong").atMost(Duration.ofSeconds(10)).until(() -> pongs.get() > before);
    }

    public long packetsOfLength(int length) {
        return packets.stream().filter(p -> p.bytes().length == length).count();
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
                packets.add(new Packet(partialBinary.toByteArray(), System.nanoTime()));
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
                String text = partialText.toString();
                partialText.setLength(0);
                if (text.equals("pong")) {
                    pongs.incrementAndGet();
                } else {
                    texts.add(text);
                }
            }
        }
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
