package io.tickwarden.smartapisim.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.tickwarden.sim.SimClock;
import io.tickwarden.smartapisim.config.SimConfig;
import io.tickwarden.smartapisim.domain.AngelInstrument;
import io.tickwarden.smartapisim.domain.StreamMode;
import io.tickwarden.smartapisim.service.FaultController;
import io.tickwarden.smartapisim.service.FaultKind;
import io.tickwarden.smartapisim.service.MarketService;
import io.tickwarden.smartapisim.service.SimStats;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Angel's WebSocket 2.0 at {@code /smart-stream}, on Vert.x directly so the sim controls what real networks do (cut
 * sockets, stall). The handshake is refused with 401 and {@code x-error-message} on bad credentials; a 4th connection
 * of a client code is accepted and then closed with 1008. Text {@code ping} is answered {@code pong}; JSON requests
 * subscribe and unsubscribe, errors come back as {@code {correlationID, errorCode, errorMessage}}.
 */
@Singleton
public class StreamServer {

    private static final Logger LOG = Logger.getLogger(StreamServer.class);
    static final String PATH = "/smart-stream";
    private static final int WRITE_QUEUE_BYTES = 4 * 1024 * 1024;

    private final SimConfig config;
    private final StreamAuth auth;
    private final FaultController faults;
    private final SimStats stats;
    private final MarketService market;
    private final SimClock clock;
    private final ObjectMapper json;
    private final StreamSockets sockets;
    private final StreamPublisher publisher;
    private final AtomicLong nextId = new AtomicLong(1);

    StreamServer(
            SimConfig config,
            StreamAuth auth,
            FaultController faults,
            SimStats stats,
            MarketService market,
            SimClock clock,
            ObjectMapper json,
            StreamSockets sockets,
            StreamPublisher publisher) {
        this.config = config;
        this.auth = auth;
        this.faults = faults;
        this.stats = stats;
        this.market = market;
        this.clock = clock;
        this.json = json;
        this.sockets = sockets;
        this.publisher = publisher;
    }

    void routes(@Observes Router router) {
        router.route(PATH).order(Integer.MIN_VALUE).handler(this::handle);
    }

    // ---- handshake -------------------------------------------------------------------------------------------

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            ctx.next();
            return;
        }
        stats.handshakesTotal.incrementAndGet();
        if (faults.isActive(FaultKind.DROP)) {
            // drop with a duration: the network is "down", so the handshake dies without an answer.
            stats.handshakesRejected.incrementAndGet();
            StreamSocket.cut(channelOf(request));
            return;
        }
        if (faults.isActive(FaultKind.REJECT_429)) {
            reject(ctx, 429, "Too many requests");
            return;
        }
        if (faults.isActive(FaultKind.REJECT_401)) {
            reject(ctx, 401, StreamAuth.INVALID_AUTH_TOKEN);
            return;
        }
        StreamAuth.Verdict verdict = auth.check(request);
        if (!verdict.accepted()) {
            reject(ctx, 401, verdict.error());
            return;
        }
        Channel channel = channelOf(request);
        request.toWebSocket()
                .onSuccess(ws -> {
                    StreamSocket socket =
                            new StreamSocket(nextId.getAndIncrement(), verdict.clientCode(), clock.now(), ws, channel);
                    if (!sockets.register(socket, config.maxConnectionsPerClient())) {
                        stats.handshakesRejected.incrementAndGet();
                        stats.connectionsOverLimit.incrementAndGet();
                        ws.close(
                                (short) 1008,
                                "Connection limit exceeded: " + config.maxConnectionsPerClient() + " per client code");
                        return;
                    }
                    // One message per packet: a 1,000-token subscription in SnapQuote is ~380 kB per market step, so
                    // the
                    // queue must hold a step's burst; only a client that stops reading fills it (and then loses
                    // packets).
                    ws.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
                    ws.textMessageHandler(text -> onText(socket, text));
                    ws.closeHandler(v -> sockets.remove(socket.id));
                    ws.exceptionHandler(e -> LOG.debugf("stream socket %d: %s", socket.id, e.toString()));
                })
                .onFailure(e -> LOG.warnf("stream upgrade failed: %s", e.toString()));
    }

    private void reject(RoutingContext ctx, int status, String message) {
        stats.handshakesRejected.incrementAndGet();
        ctx.response()
                .setStatusCode(status)
                .putHeader("x-error-message", message)
                .end();
    }

    private static Channel channelOf(HttpServerRequest request) {
        return ((ConnectionBase) request.connection()).channel();
    }

    // ---- client messages -------------------------------------------------------------------------------------

    private void onText(StreamSocket socket, String text) {
        if (text.equals("ping")) {
            stats.pingsReceived.increment();
            if (!faults.isActive(FaultKind.NO_PONG)) {
                publisher.pong(socket);
            }
            return;
        }
        String[] correlationID = {""};
        var request = StreamRequest.parse(json, text, correlationID);
        if (request.isEmpty()) {
            error(socket, correlationID[0], "E1001", "Invalid Request Payload.");
            return;
        }
        if (request.get().subscribe()) {
            subscribe(socket, request.get());
        } else {
            unsubscribe(socket, request.get());
        }
    }

    /**
     * All or nothing: a request that would take the connection past its token limit (or past the Depth-20 limit)
     * subscribes none of its tokens and gets E1002. Already subscribed tokens are ignored, and so are tokens the
     * instrument master does not list (they would never tick).
     */
    private void subscribe(StreamSocket socket, StreamRequest request) {
        socket.subscribeMessages.incrementAndGet();
        stats.subscribeMessages.incrementAndGet();
        Map<StreamSocket.Subscription, AngelInstrument> added = new LinkedHashMap<>();
        for (StreamRequest.Tokens tokens : request.tokenList()) {
            for (String token : tokens.tokens()) {
                var sub = new StreamSocket.Subscription(request.mode(), tokens.exchangeType(), token);
                if (socket.subscriptions.containsKey(sub)) {
                    continue;
                }
                market.angel().find(tokens.exchangeType(), token).ifPresent(in -> added.put(sub, in));
            }
        }
        boolean overDepth = request.mode() == StreamMode.DEPTH_20
                && socket.depthSubscriptions() + added.size() > config.maxDepthTokensPerConnection();
        if (socket.subscriptions.size() + added.size() > config.maxTokensPerConnection() || overDepth) {
            error(socket, request.correlationID(), "E1002", "Invalid Request. Subscription Limit Exceeded.");
            return;
        }
        socket.subscriptions.putAll(added);
        publisher.sendNow(socket, added);
    }

    private void unsubscribe(StreamSocket socket, StreamRequest request) {
        socket.unsubscribeMessages.incrementAndGet();
        stats.unsubscribeMessages.incrementAndGet();
        for (StreamRequest.Tokens tokens : request.tokenList()) {
            for (String token : tokens.tokens()) {
                socket.subscriptions.remove(
                        new StreamSocket.Subscription(request.mode(), tokens.exchangeType(), token));
            }
        }
    }

    private void error(StreamSocket socket, String correlationID, String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("correlationID", correlationID);
        body.put("errorCode", code);
        body.put("errorMessage", message);
        try {
            if (socket.sendText(json.writeValueAsString(body))) {
                stats.errorMessagesSent.incrementAndGet();
            }
        } catch (Exception e) {
            LOG.warnf("cannot write an error message: %s", e.toString());
        }
    }
}
