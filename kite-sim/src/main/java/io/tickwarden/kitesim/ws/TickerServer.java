package io.tickwarden.kitesim.ws;

import io.netty.channel.Channel;
import io.quarkus.runtime.StartupEvent;
import io.tickwarden.kitesim.config.SimConfig;
import io.tickwarden.kitesim.rest.KiteResponses;
import io.tickwarden.kitesim.service.FaultController;
import io.tickwarden.kitesim.service.FaultKind;
import io.tickwarden.kitesim.service.MarketService;
import io.tickwarden.kitesim.service.SimStats;
import io.tickwarden.kitesim.service.TokenRegistry;
import io.tickwarden.sim.SimClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Kite's ticker WebSocket at the root path ({@code ws://host:8090/?api_key=..&access_token=..}), served on Vert.x
 * directly so the sim controls what real networks do: cut sockets without a close frame, stop ponging, stall.
 * Auth is on query parameters only; a bad token gets 403 on the upgrade. At most 3 sockets per api_key and 3000
 * tokens per socket, each limit answered with a Kite-style error text frame. This class is the handshake; what
 * clients send is {@link TickerRequests}, what the sim sends is {@link TickerOutbound}.
 */
@Singleton
public class TickerServer {

    private static final Logger LOG = Logger.getLogger(TickerServer.class);

    private final Vertx vertx;
    private final SimConfig config;
    private final TokenRegistry tokens;
    private final FaultController faults;
    private final SimStats stats;
    private final MarketService market;
    private final SimClock clock;
    private final TickerSockets sockets;
    private final TickerRequests requests;
    private final TickerOutbound outbound;
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile boolean pipelineLogged;

    TickerServer(
            Vertx vertx,
            SimConfig config,
            TokenRegistry tokens,
            FaultController faults,
            SimStats stats,
            MarketService market,
            SimClock clock,
            TickerSockets sockets,
            TickerRequests requests,
            TickerOutbound outbound) {
        this.vertx = vertx;
        this.config = config;
        this.tokens = tokens;
        this.faults = faults;
        this.stats = stats;
        this.market = market;
        this.clock = clock;
        this.sockets = sockets;
        this.requests = requests;
        this.outbound = outbound;
    }

    void routes(@Observes Router router) {
        router.route("/").order(Integer.MIN_VALUE).handler(this::handle);
    }

    void start(@Observes StartupEvent event) {
        market.onStep(outbound::onMarketStep);
        // Vert.x timer, not @Scheduled: the heartbeat is a write on every ticker socket, which belong to the event
        // loop.
        vertx.setPeriodic(config.heartbeatInterval().toMillis(), id -> outbound.heartbeat());
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
                        socket.sendText(TickerRequests.errorFrame("Maximum number of open connections ("
                                + config.maxSocketsPerApiKey() + ") for this api_key exceeded."));
                        ws.close((short) 1008, "connection limit");
                        return;
                    }
                    installPingFilter(channel);
                    ws.textMessageHandler(text -> requests.onText(socket, text));
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
}
