package io.tickwarden.feed.upstream;

import io.tickwarden.feed.config.KiteSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Opens Kite ticker sockets ({@code <KITE_WS_URL>/?api_key=..&access_token=..}) on the Vert.x instance Quarkus
 * already runs: no threads of our own, nothing blocks. The URL holds the token, so it is never logged; failures
 * are described by {@link #describe(Throwable)} which names the status only.
 */
@Singleton
public class TickerClient {

    /** Full mode is 186 bytes per instrument; 3000 instruments fit easily. */
    private static final int MAX_MESSAGE = 4 * 1024 * 1024;

    private final Vertx vertx;
    private final KiteSettings kite;
    private volatile WebSocketClient client;

    TickerClient(Vertx vertx, KiteSettings kite) {
        this.vertx = vertx;
        this.kite = kite;
    }

    public Future<TickerConnection> connect(String accessToken, Duration timeout, TickerConnection.Listener listener) {
        String url = kite.wsUrl() + "/?api_key=" + enc(kite.apiKey()) + "&access_token=" + enc(accessToken);
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setAbsoluteURI(url)
                .setConnectTimeout(timeout.toMillis())
;
        return client().connect(options).map(ws -> new TickerConnection(ws, listener));
    }

    /** HTTP status of a refused handshake, or 0 when the failure was not an HTTP refusal. */
    public static int rejectedStatus(Throwable failure) {
        return failure instanceof UpgradeRejectedException r ? r.getStatus() : 0;
    }

    /** A failure description safe to log and show (never the URL, which carries the token). */
    public static String describe(Throwable failure) {
        int status = rejectedStatus(failure);
        if (status != 0) {
            return "handshake refused with HTTP " + status;
        }
        String type = failure.getClass().getSimpleName();
        String message = failure.getMessage();
        if (message == null || message.contains("access_token")) {
            return type;
        }
        return type + ": " + message;
    }

    private WebSocketClient client() {
        WebSocketClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createWebSocketClient(new WebSocketClientOptions()
                            .setMaxFrameSize(MAX_MESSAGE)
                            .setMaxMessageSize(MAX_MESSAGE)
                            .setTryUsePerMessageCompression(false));
                }
                c = client;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
