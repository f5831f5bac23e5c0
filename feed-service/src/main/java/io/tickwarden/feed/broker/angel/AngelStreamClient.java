package io.tickwarden.feed.broker.angel;

import io.tickwarden.contracts.auth.AngelSessionCredential;
import io.tickwarden.feed.broker.Broker;
import io.tickwarden.feed.broker.BrokerSocket;
import io.tickwarden.feed.config.AngelSettings;
import io.tickwarden.feed.config.FeedConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Opens SmartAPI WebSocket 2.0 sockets ({@code ANGEL_WS_URL}) on the Vert.x instance Quarkus already runs, with the
 * session in headers as Angel's SDKs send it: {@code Authorization} (the bare JWT), {@code x-api-key},
 * {@code x-client-code}, {@code x-feed-token}. Headers are never logged; failures are described by
 * {@link #describe(Throwable)}, which names the status and Angel's {@code x-error-message} only.
 */
@Singleton
class AngelStreamClient {

    /** One packet is at most 379 bytes; room for anything else Angel may send as text. */
    private static final int MAX_MESSAGE = 64 * 1024;

    private final Vertx vertx;
    private final AngelSettings settings;
    private final AngelFrameDecoding frames;
    /** Ticks are handed over in parts of one {@code feed.ticks} message each. */
    private final int ticksPerPart;

    private volatile WebSocketClient client;

    AngelStreamClient(Vertx vertx, AngelSettings settings, AngelFrameDecoding frames, FeedConfig config) {
        this.vertx = vertx;
        this.settings = settings;
        this.frames = frames;
        this.ticksPerPart = config.ticksMessageMaxTicks();
    }

    Future<BrokerSocket> connect(AngelSessionCredential session, Duration timeout, BrokerSocket.Listener listener) {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setAbsoluteURI(settings.wsUrl())
                .setConnectTimeout(timeout.toMillis())
                .addHeader("Authorization", session.jwt())
                .addHeader("x-api-key", settings.apiKey())
                .addHeader("x-client-code", session.clientCode())
                .addHeader("x-feed-token", session.feedToken());
        return client().connect(options)
                .map(ws -> new AngelStreamSocket(vertx, ws, listener, frames, settings.pingInterval(), ticksPerPart));
    }

    /**
     * Angel refuses a bad session with HTTP 401 at the handshake and says why in {@code x-error-message} ("Invalid
     * Auth token", "Invalid Feed Token", ...): a token refusal, handled like Kite's 403. 429 (too many connections or
     * handshakes) and other statuses are not: the socket backs off and retries with the same session.
     */
    static Broker.ConnectFailure describe(Throwable failure) {
        if (failure instanceof UpgradeRejectedException r) {
            int status = r.getStatus();
            String why = r.getHeaders() == null ? null : r.getHeaders().get("x-error-message");
            String description = "handshake refused with HTTP " + status
                    + (why == null || why.isBlank() ? "" : " (" + clip(why) + ")");
            return new Broker.ConnectFailure(status, status == 401, description);
        }
        String type = failure.getClass().getSimpleName();
        String message = failure.getMessage();
        return new Broker.ConnectFailure(0, false, message == null ? type : type + ": " + clip(message));
    }

    private static String clip(String s) {
        String oneLine = s.replaceAll("[\\r\\n]+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) : oneLine;
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
}
