package io.tickwarden.kitesim.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.kitesim.config.SimConfig;
import io.tickwarden.kitesim.domain.TickMode;
import io.tickwarden.kitesim.rest.KiteResponses;
import io.tickwarden.kitesim.service.FaultController;
import io.tickwarden.kitesim.service.FaultKind;
import io.tickwarden.kitesim.service.MarketService;
import io.tickwarden.kitesim.service.SendLog;
import io.tickwarden.kitesim.service.SimStats;
import io.tickwarden.kitesim.service.TokenRegistry;
import io.tickwarden.sim.QuoteSnapshot;
import io.tickwarden.sim.SimClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Kite's ticker WebSocket at the root path ({@code ws://host:8090/?api_key=..&access_token=..}), served on Vert.x
 * directly so the sim controls what real networks do: cut sockets without a close frame, stop ponging, stall.
 * Auth is on query parameters only; a bad token gets 403 on the upgrade. At most 3 sockets per api_key and 3000
 * tokens per socket, each limit answered with a Kite-style error text frame.
 */
@Singleton
public class TickerServer {

    private static final Logger LOG = Logger.getLogger(TickerServer.class);
    private static final byte[] HEARTBEAT = {0x00};

    private final Vertx vertx;
    private final SimConfig config;
    private final TokenRegistry tokens;
    private final FaultController faults;
    private final SimStats stats;
    private final MarketService market;
    private final SimClock clock;
    private final ObjectMapper json;
    private final SendLog sendLog;
    private final TickerSockets sockets;
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicInteger malformedKind = new AtomicInteger();
    private volatile boolean pipelineLogged;

    TickerServer(
            Vertx vertx,
            SimConfig config,
            TokenRegistry tokens,
            FaultController faults,
            SimStats stats,
            MarketService market,
            SimClock clock,
            ObjectMapper json,
            SendLog sendLog,
            TickerSockets sockets) {
        this.vertx = vertx;
        this.config = config;
        this.tokens = tokens;
        this.faults = faults;
        this.stats = stats;
        this.market = market;
        this.clock = clock;
        this.json = json;
        this.sendLog = sendLog;
        this.sockets = sockets;
    }

    void routes(@Observes Router router) {
        router.route("/").order(Integer.MIN_VALUE).handler(this::handle);
    }

    void start(@Observes StartupEvent event) {
        market.onStep(this::onMarketStep);
        // Vert.x timer, not @Scheduled: the heartbeat is a write on every ticker socket, which belong to the event
        // loop.
        vertx.setPeriodic(config.heartbeatInterval().toMillis(), id -> heartbeat());
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
            TickerSocket.cut(channelOf(request));
            return;
        }
        if (faults.isActive(FaultKind.REJECT_500)) {
            reject(ctx, 500, "GeneralException", "Internal server error (kite-sim fault reject_500)");
            return;
        }
        String apiKey = request.getParam("api_key");
        String accessToken = request.getParam("access_token");
        if (faults.isActive(FaultKind.REJECT_403)
                || tokens.validate(apiKey, accessToken).isEmpty()) {
            reject(ctx, 403, "TokenException", "Invalid `api_key` or `access_token`.");
            return;
        }
        Channel channel = channelOf(request);
        request.toWebSocket()
                .onSuccess(ws -> {
                    TickerSocket socket = new TickerSocket(nextId.getAndIncrement(), apiKey, clock.now(), ws, channel);
                    if (!sockets.register(socket, config.maxSocketsPerApiKey())) {
                        stats.handshakesRejected.incrementAndGet();
                        socket.sendText(errorFrame("Maximum number of open connections (" + config.maxSocketsPerApiKey()
                                + ") for this api_key exceeded."));
                        ws.close((short) 1008, "connection limit");
                        return;
                    }
                    installPingFilter(channel);
                    ws.textMessageHandler(text -> onText(socket, text));
                    ws.closeHandler(v -> sockets.remove(socket.id));
                    ws.exceptionHandler(e -> LOG.debugf("ticker socket %d: %s", socket.id, e.toString()));
                })
                .onFailure(e -> LOG.warnf("ticker upgrade failed: %s", e.toString()));
    }

    private void reject(RoutingContext ctx, int status, String errorType, String message) {
        stats.handshakesRejected.incrementAndGet();
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(KiteResponses.errorJson(errorType, message));
    }

    private static Channel channelOf(HttpServerRequest request) {
        return ((ConnectionBase) request.connection()).channel();
    }

    private void installPingFilter(Channel channel) {
        var pipeline = channel.pipeline();
        if (!pipelineLogged) {
            pipelineLogged = true;
            LOG.debugf("ticker pipeline: %s", pipeline.names());
        }
        if (pipeline.get("handler") != null) {
            pipeline.addBefore("handler", "kite-sim-ping-filter", new PingFilter(faults, stats));
        } else {
            LOG.warnf("no 'handler' in the ticker pipeline %s; no_pong cannot be injected", pipeline.names());
        }
    }

    // ---- client messages -------------------------------------------------------------------------------------

    private void onText(TickerSocket socket, String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            socket.sendText(errorFrame("Invalid message: not JSON."));
            return;
        }
        String action = message.path("a").asText("");
        JsonNode value = message.path("v");
        switch (action) {
            case "subscribe" -> subscribe(socket, value);
            case "unsubscribe" -> unsubscribe(socket, value);
            case "mode" -> mode(socket, value);
            default -> socket.sendText(errorFrame("Unknown action `" + action + "`."));
        }
    }

    private void subscribe(TickerSocket socket, JsonNode value) {
        List<Long> requested = tokensOf(socket, value);
        if (requested == null) {
            return;
        }
        socket.subscribeMessages.incrementAndGet();
        stats.subscribeMessages.incrementAndGet();
        List<Long> added = new ArrayList<>();
        boolean overLimit = false;
        for (Long token : requested) {
            if (socket.subscriptions.containsKey(token)) {
                continue;
            }
            if (socket.subscriptions.size() >= config.maxTokensPerSocket()) {
                overLimit = true;
                continue;
            }
            socket.subscriptions.put(token, TickMode.QUOTE);
            added.add(token);
        }
        if (overLimit) {
            socket.sendText(errorFrame("Maximum number of instruments per connection (" + config.maxTokensPerSocket()
                    + ") exceeded; the rest were not subscribed."));
        }
        // No immediate packet here: clients send their mode right after subscribing, and a quote-mode packet
        // racing ahead of it would reach a full-mode client without depth. New tokens tick on the next step.
    }

    private void unsubscribe(TickerSocket socket, JsonNode value) {
        List<Long> requested = tokensOf(socket, value);
        if (requested == null) {
            return;
        }
        socket.unsubscribeMessages.incrementAndGet();
        stats.unsubscribeMessages.incrementAndGet();
        requested.forEach(socket.subscriptions::remove);
    }

    private void mode(TickerSocket socket, JsonNode value) {
        if (!value.isArray() || value.size() != 2 || !value.get(0).isTextual()) {
            socket.sendText(errorFrame("Invalid mode message: expected {\"a\":\"mode\",\"v\":[mode,[tokens]]}."));
            return;
        }
        var mode = TickMode.fromWire(value.get(0).asText());
        if (mode.isEmpty()) {
            socket.sendText(errorFrame("Invalid mode `" + value.get(0).asText() + "`."));
            return;
        }
        List<Long> requested = tokensOf(socket, value.get(1));
        if (requested == null) {
            return;
        }
        socket.modeMessages.incrementAndGet();
        stats.modeMessages.incrementAndGet();
        List<Long> changed = new ArrayList<>();
        for (Long token : requested) {
            if (socket.subscriptions.replace(token, mode.get()) != null) {
                changed.add(token);
            }
        }
        sendNow(socket, changed);
    }

    private List<Long> tokensOf(TickerSocket socket, JsonNode value) {
        if (!value.isArray()) {
            socket.sendText(errorFrame("Invalid message: `v` must be an array of instrument tokens."));
            return null;
        }
        List<Long> out = new ArrayList<>(value.size());
        for (JsonNode n : value) {
            if (!n.canConvertToLong()) {
                socket.sendText(errorFrame("Invalid instrument token `" + n + "`."));
                return null;
            }
            out.add(n.asLong());
        }
        return out;
    }

    private static String errorFrame(String message) {
        return "{\"type\":\"error\",\"data\":\"" + message.replace("\"", "'") + "\"}";
    }

    // ---- outbound --------------------------------------------------------------------------------------------

    /** Right after a mode change the sim sends the current state of those instruments in the new mode. */
    private void sendNow(TickerSocket socket, List<Long> tokens) {
        if (tokens.isEmpty() || suppressTicks()) {
            return;
        }
        if (faults.isActive(FaultKind.MALFORMED)) {
            // The fault covers every frame of every connection, new ones included: a reconnecting client must not
            // get one clean snapshot that passes for recovered data.
            sendMalformed(socket, tokens.get(0));
            return;
        }
        List<QuoteSnapshot> snapshots = new ArrayList<>();
        List<TickMode> modes = new ArrayList<>();
        for (Long token : tokens) {
            TickMode mode = socket.subscriptions.get(token);
            market.model().byToken(token).ifPresent(s -> {
                if (mode != null) {
                    snapshots.add(s);
                    modes.add(mode);
                }
            });
        }
        sendTicks(socket, snapshots, modes);
    }

    /** The next of the {@code malformed} fault's corrupt frames, naming {@code token} where a frame has one. */
    private void sendMalformed(TickerSocket socket, long token) {
        send(socket, MalformedFrames.frame(malformedKind.getAndIncrement(), (int) token));
        stats.malformedFramesSent.increment();
    }

    private void onMarketStep(BitSet changed) {
        if (sockets.isEmpty() || suppressTicks()) {
            return;
        }
        boolean malformed = faults.isActive(FaultKind.MALFORMED);
        for (TickerSocket socket : sockets.all()) {
            if (malformed) {
                sendMalformed(
                        socket,
                        socket.subscriptions.keySet().stream().findFirst().orElse(408065L));
                continue;
            }
            List<QuoteSnapshot> snapshots = new ArrayList<>();
            List<TickMode> modes = new ArrayList<>();
            socket.subscriptions.forEach((token, mode) -> market.model()
                    .catalog()
                    .indexOf(token)
                    .filter(changed::get)
                    .ifPresent(index -> {
                        snapshots.add(market.model().snapshot(index));
                        modes.add(mode);
                    }));
            sendTicks(socket, snapshots, modes);
        }
        sendLog.flush();
    }

    private void sendTicks(TickerSocket socket, List<QuoteSnapshot> snapshots, List<TickMode> modes) {
        if (snapshots.isEmpty()) {
            return;
        }
        if (send(socket, TickEncoder.frame(snapshots, modes))) {
            stats.ticksSent.add(snapshots.size());
            sendLog.record(snapshots, System.nanoTime());
        }
    }

    private void heartbeat() {
        if (faults.isActive(FaultKind.NO_HEARTBEAT)) {
            return;
        }
        for (TickerSocket socket : sockets.all()) {
            if (send(socket, HEARTBEAT)) {
                stats.heartbeatsSent.increment();
            }
        }
    }

    /** {@code silence} stops ticks but keeps heartbeats; {@code no_heartbeat} stops every frame. */
    private boolean suppressTicks() {
        return faults.isActive(FaultKind.SILENCE) || faults.isActive(FaultKind.NO_HEARTBEAT);
    }

    private boolean send(TickerSocket socket, byte[] frame) {
        var slow = faults.current(FaultKind.SLOW);
        if (slow.isPresent()) {
            Duration delay = slow.get().slowDelay() != null ? slow.get().slowDelay() : config.slowFaultDelay();
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> {
                if (socket.sendBinary(frame)) {
                    stats.framesSent.increment();
                }
            });
            return true;
        }
        boolean sent = socket.sendBinary(frame);
        if (sent) {
            stats.framesSent.increment();
        }
        return sent;
    }
}
