package io.tickwarden.gateway.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.tickwarden.contracts.gateway.GatewayCloseCodes;
import io.tickwarden.contracts.gateway.GatewayErrorCodes;
import io.tickwarden.contracts.gateway.GatewayMessages;
import io.tickwarden.gateway.config.GatewayConfig;
import io.tickwarden.gateway.domain.Delivery;
import io.tickwarden.gateway.domain.TokenBucket;
import io.tickwarden.gateway.service.CandleSubscriptions;
import io.tickwarden.gateway.service.ClientSession;
import io.tickwarden.gateway.service.ConnectionSupervisor;
import io.tickwarden.gateway.service.GatewayMetrics;
import io.tickwarden.gateway.service.HealthService;
import io.tickwarden.gateway.service.Outbox;
import io.tickwarden.gateway.service.SessionRegistry;
import io.tickwarden.gateway.service.StatusMessages;
import io.tickwarden.gateway.service.SubscriptionService;
import io.vertx.core.http.WebSocketBase;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * {@code /ws/market}: the client protocol (docs/gateway.md). The key was checked at the upgrade
 * ({@link ApiKeyUpgradeCheck}). Every handler runs on the connection's event loop and never blocks; everything sent
 * goes through the connection's bounded {@code Outbox}.
 */
@WebSocket(path = "/ws/market", endpointId = MarketSocket.ENDPOINT_ID)
public class MarketSocket {

    public static final String ENDPOINT_ID = "market";
    private static final Logger LOG = Logger.getLogger(MarketSocket.class);
    /**
     * Largest frame of a tick message: a message of up to 200 ticks goes out as one frame (one header, one write),
     * where Vert.x would cut it at the 16 KB frame limit we set for what clients send.
     */
    static final int TICK_FRAME_BYTES = 1 << 20;

    private final SessionRegistry registry;
    private final SubscriptionService subscriptions;
    private final HealthService health;
    private final StatusMessages messages;
    private final GatewayMetrics metrics;
    private final GatewayConfig.Ws config;
    private final ClientRequests requests;
    private final ConnectionSupervisor supervisor;
    private final CandleSubscriptions candles;

    MarketSocket(
            SessionRegistry registry,
            SubscriptionService subscriptions,
            HealthService health,
            StatusMessages messages,
            GatewayMetrics metrics,
            GatewayConfig config,
            ObjectMapper json,
            ConnectionSupervisor supervisor,
            CandleSubscriptions candles) {
        this.candles = candles;
        this.registry = registry;
        this.subscriptions = subscriptions;
        this.health = health;
        this.messages = messages;
        this.metrics = metrics;
        this.config = config.ws();
        this.requests = new ClientRequests(json);
        this.supervisor = supervisor;
    }

    @OnOpen
    @NonBlocking
    void onOpen(WebSocketConnection connection) {
        String id = connection.id();
        String asked = deliveryParameter(connection.handshakeRequest().query());
        Optional<Delivery> delivery = Delivery.fromWire(asked);
        if (delivery.isEmpty()) {
            // ApiKeyUpgradeCheck refuses these with 400; kept so that no path opens a session in an unknown mode.
            connection
                    .close(new CloseReason(
                            GatewayCloseCodes.POLICY_VIOLATION, ApiKeyUpgradeCheck.unknownDelivery(asked)))
                    .subscribe()
                    .with(v -> {}, e -> {});
            return;
        }
        ClientSession session = new ClientSession(
                id,
                sink(connection),
                metrics,
                System::nanoTime,
                config.queueSize(),
                config.writeBufferBytes(),
                config.maxBatch(),
                delivery.get(),
                config.allQueueTicks(),
                new TokenBucket(config.floodRate(), config.floodBurst(), System.nanoTime()),
                (code, reason) -> {
                    subscriptions.disconnect(id);
                    connection.close(new CloseReason(code, reason)).subscribe().with(v -> {}, e -> {});
                });
        // connection_status is the first message of every connection: it is queued before the session becomes
        // visible to the broadcasters (heartbeat, status changes), so nothing can be queued ahead of it.
        HealthService.Current told = health.current();
        session.outbox().offerControl(messages.connectionStatus(told));
        registry.add(session);
        if (supervisor.isGoingAway()) {
            // Opened while the shutdown closes everything: added first, checked second, so it cannot be missed.
            session.close(GatewayCloseCodes.GOING_AWAY, ConnectionSupervisor.GOING_AWAY_REASON);
            return;
        }
        HealthService.Current now = health.current();
        if (!now.statusKey().equals(told.statusKey())) {
            // A status change broadcast between the read above and the add did not reach this session; tell it now.
            session.outbox().offerControl(messages.connectionStatus(now));
        }
        session.outbox().flush();
    }

    @OnTextMessage
    @NonBlocking
    void onText(String text, WebSocketConnection connection) {
        ClientSession session = registry.get(connection.id());
        if (session == null || session.isClosing()) {
            return;
        }
        if (!session.allowMessage(System.nanoTime())) {
            metrics.floodClose();
            session.close(
                    GatewayCloseCodes.FLOOD,
                    "flood: more than " + config.floodBurst() + " messages at once or " + config.floodRate() + "/s");
            return;
        }
        if (text.length() > config.maxMessageBytes()) {
            // Unreachable while the transport limits equal ours (see application.properties); kept so that a
            // larger transport limit can never let a bigger message through.
            metrics.tooBigClose();
            session.close(GatewayCloseCodes.MESSAGE_TOO_BIG, tooBigReason(config.maxMessageBytes()));
            return;
        }
        try {
            switch (requests.parse(text)) {
                case ClientRequests.Subscribe s ->
                    subscriptions.subscribe(session, s.symbols(), s.mode(), s.positions());
                case ClientRequests.Unsubscribe u -> subscriptions.unsubscribe(session, u.symbols());
                case ClientRequests.SubscribeCandles c -> candles.subscribe(session, c.symbols(), c.interval());
                case ClientRequests.UnsubscribeCandles c -> candles.unsubscribe(session, c.symbols(), c.interval());
                case ClientRequests.Ping p ->
                    session.send(messages.write(new GatewayMessages.Pong(GatewayMessages.Pong.TYPE, messages.now())));
                case ClientRequests.Invalid i -> {
                    metrics.clientError();
                    session.send(messages.error(i.code(), i.message()));
                }
            }
        } catch (RuntimeException e) {
            // Never a stack trace to the client; the details stay in our log.
            LOG.errorf(e, "request of connection %s failed", connection.id());
            session.send(messages.error(GatewayErrorCodes.INTERNAL, "internal error; the request was not applied"));
        }
    }

    @OnClose
    void onClose(WebSocketConnection connection) {
        subscriptions.disconnect(connection.id());
    }

    @OnError
    void onError(WebSocketConnection connection, Throwable error) {
        if (isTooBig(error)) {
            // Vert.x's frame aggregator reports a message over max-message-size made of frames that are each under
            // the frame limit here, and keeps the socket open; we close it with the normal close handshake.
            // (A single frame over the limit never gets here: OversizeFrameGuard answers it in the Netty pipeline.)
            ClientSession session = registry.get(connection.id());
            metrics.tooBigClose();
            String reason = tooBigReason(config.maxMessageBytes());
            if (session != null) {
                session.close(GatewayCloseCodes.MESSAGE_TOO_BIG, reason);
            } else {
                connection
                        .close(new CloseReason(GatewayCloseCodes.MESSAGE_TOO_BIG, reason))
                        .subscribe()
                        .with(v -> {}, e -> {});
            }
            return;
        }
        LOG.debugf("connection %s: %s", connection.id(), error.toString());
    }

    /** Control messages as strings; tick messages from their UTF-8 bytes when the Vert.x socket can be reached. */
    private Outbox.Sink sink(WebSocketConnection connection) {
        Optional<WebSocketBase> socket = Utf8TextFrames.socket(connection);
        return new Outbox.Sink() {
            @Override
            public CompletionStage<Void> send(String text) {
                return connection.sendText(text).subscribeAsCompletionStage();
            }

            @Override
            public CompletionStage<Void> sendUtf8(byte[] utf8) {
                return socket.isPresent()
                        ? Utf8TextFrames.write(socket.get(), utf8, TICK_FRAME_BYTES)
                                .toCompletionStage()
                        : Outbox.Sink.super.sendUtf8(utf8);
            }
        };
    }

    /** The {@code delivery} query parameter of the upgrade, or null when absent. */
    static String deliveryParameter(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        List<String> values = new QueryStringDecoder(query, false).parameters().get(Delivery.PARAMETER);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The close reason of 1009, short enough for a close frame (at most 123 bytes). */
    static String tooBigReason(int maxMessageBytes) {
        return "message larger than " + maxMessageBytes + " bytes";
    }

    /** Vert.x's aggregator: "... to overflow max message size of N" (an IllegalStateException). */
    static boolean isTooBig(Throwable error) {
        String m = error.getMessage();
        return m != null && m.contains("max message size");
    }
}
