package io.tickwarden.feed.broker.kite;

import io.tickwarden.feed.broker.Broker;
import io.tickwarden.feed.broker.BrokerSocket;
import io.tickwarden.feed.config.FeedConfig;
import io.tickwarden.feed.config.KiteSettings;
import io.tickwarden.feed.service.FeedMetrics;
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
class KiteTickerClient {

    /** Full mode is 184 bytes per instrument; 3000 instruments fit easily. */
    private static final int MAX_MESSAGE = 4 * 1024 * 1024;

    private final Vertx vertx;
    private final KiteSettings kite;
    private final KiteFrameDecoding frames;
    /** A frame is handed over in parts of one {@code feed.ticks} message each (published as decoded). */
    private final int ticksPerPart;

    private volatile WebSocketClient client;

    KiteTickerClient(Vertx vertx, KiteSettings kite, FeedMetrics metrics, FeedConfig config) {
        this.vertx = vertx;
        this.kite = kite;
        this.ticksPerPart = config.ticksMessageMaxTicks();
        this.frames = new KiteFrameDecoding(metrics);
    }

    Future<BrokerSocket> connect(String accessToken, Duration timeout, BrokerSocket.Listener listener) {
        String url = kite.wsUrl() + "/?api_key=" + enc(kite.apiKey()) + "&access_token=" + enc(accessToken);
        WebSocketConnectOptions options =
                new WebSocketConnectOptions().setAbsoluteURI(url).setConnectTimeout(timeout.toMillis());
        return client().connect(options).map(ws -> new KiteTickerSocket(ws, listener, frames, ticksPerPart));
    }

    /** Kite refuses a bad or expired token with HTTP 403 at the handshake. */
    static Broker.ConnectFailure describe(Throwable failure) {
        int status = failure instanceof UpgradeRejectedException r ? r.getStatus() : 0;
        if (status != 0) {
            return new Broker.ConnectFailure(status, status == 403, "handshake refused with HTTP " + status);
        }
        String type = failure.getClass().getSimpleName();
        String message = failure.getMessage();
        return new Broker.ConnectFailure(
                0, false, message == null || message.contains("access_token") ? type : type + ": " + message);
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
