package io.tickwarden.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (JDK) that records every message, parsed, and the close code. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    public volatile Integer closeCode;
    public volatile String closeReason;
    public volatile Throwable error;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public static WsClient connect(URI base, String token) {
        return connect(base, token, false);
    }

    /** Connects with {@code ?token=} or, when {@code header}, with {@code Authorization: Bearer}. */
    public static WsClient connect(URI base, String token, boolean header) {
        return connect(base, token, header, null);
    }

    /** Connects with {@code ?delivery=<delivery>} too (null: none). */
    public static WsClient connect(URI base, String token, String delivery) {
        return connect(base, token, false, delivery);
    }

    private static WsClient connect(URI base, String token, boolean header, String delivery) {
        WsClient c = new WsClient();
        try {
            c.socket = builder(token, header)
                    .buildAsync(withDelivery(uri(base, token, header), delivery), c)
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("connect failed: " + e, e);
        }
        return c;
    }

    /** Tries to connect and returns the failure (expected to be a 401), or null when it connected. */
    public static Throwable connectFailure(URI base, String token, boolean header) {
        try {
            WebSocket ws = builder(token, header)
                    .buildAsync(uri(base, token, header), new WsClient())
                    .get(10, TimeUnit.SECONDS);
            ws.abort();
            return null;
        } catch (Exception e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    /** Tries to connect with {@code ?delivery=<delivery>} and returns the failure, or null when it connected. */
    public static Throwable connectFailure(URI base, String token, String delivery) {
        try {
            WebSocket ws = builder(token, false)
                    .buildAsync(withDelivery(uri(base, token, false), delivery), new WsClient())
                    .get(10, TimeUnit.SECONDS);
            ws.abort();
            return null;
        } catch (Exception e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    private static URI withDelivery(URI uri, String delivery) {
        if (delivery == null) {
            return uri;
        }
        String u = uri.toString();
        return URI.create(
                u + (u.contains("?") ? "&" : "?") + "delivery=" + URLEncoder.encode(delivery, StandardCharsets.UTF_8));
    }

    private static WebSocket.Builder builder(String token, boolean header) {
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (header && token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static URI uri(URI base, String token, boolean header) {
        String u = "ws://" + base.getHost() + ":" + base.getPort() + "/ws/market";
        if (!header && token != null) {
            u += "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        }
        return URI.create(u);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void subscribe(String mode, String... symbols) {
        StringBuilder b = new StringBuilder("{\"action\":\"subscribe\",\"mode\":\"")
                .append(mode)
                .append("\",\"symbols\":[");
        for (int i = 0; i < symbols.length; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(symbols[i]).append('"');
        }
        send(b.append("]}").toString());
    }

    public List<JsonNode> ofType(String type) {
        return messages.stream()
                .filter(m -> type.equals(m.path("type").asText()))
                .toList();
    }

    public boolean has(Predicate<JsonNode> p) {
        return messages.stream().anyMatch(p);
    }

    /** Ticks received, flattened from tick and ticks messages, in order. */
    public List<JsonNode> ticks() {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode m : messages) {
            String t = m.path("type").asText();
            if ("tick".equals(t)) {
                out.add(m);
            } else if ("ticks".equals(t)) {
                m.get("ticks").forEach(out::add);
            }
        }
        return out;
    }

    public boolean isClosed() {
        return closeCode != null || error != null;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                error = e;
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        closeReason = reason;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        this.error = error;
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        } else if (socket != null) {
            socket.abort();
        }
    }
}
