package io.tickwarden.feed.broker.angel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.feed.TickMode;
import io.tickwarden.feed.broker.BrokerSocket;
import io.tickwarden.feed.domain.Tick;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open SmartAPI WebSocket 2.0: JSON subscribe/unsubscribe per mode, one binary packet per message, the text
 * {@code ping} every {@code angel.ping-interval}. Every message counts as a frame for the pool's liveness, the
 * {@code pong} included (Angel's server is silent otherwise while nothing trades), so a socket with neither pong nor
 * data is dropped by the pool's heartbeat timeout ({@link AngelBroker#heartbeatTimeout}). Angel keeps subscriptions
 * per mode, so the socket remembers each token's mode: a mode change unsubscribes the old one, and an unsubscribe
 * names the mode it was subscribed in. Angel sends one packet per message, so the ticks of the messages read
 * together are handed over together (one task after the read, in parts of {@code feed.ticks-message-max-ticks}): one
 * Redis publish per read rather than per packet, and no added delay. Callbacks run on the socket's event loop; the
 * methods are non-blocking.
 */
final class AngelStreamSocket implements BrokerSocket {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PING = "ping";
    static final String PONG = "pong";

    private final Vertx vertx;
    private final WebSocket ws;
    private final Listener listener;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Encoded token to the mode it is subscribed in; guarded by itself. */
    private final Map<Long, TickMode> held = new HashMap<>();

    private final long pingTimer;
    private final int ticksPerPart;
    /** Ticks decoded since the last hand-over; event loop only. */
    private List<Tick> pending;

    AngelStreamSocket(
            Vertx vertx,
            WebSocket ws,
            Listener listener,
            AngelFrameDecoding frames,
            Duration pingInterval,
            int ticksPerPart) {
        this.vertx = vertx;
        this.ws = ws;
        this.listener = listener;
        this.ticksPerPart = Math.max(1, ticksPerPart);
        ws.binaryMessageHandler(buffer -> {
            listener.onFrame(this);
            Tick tick = frames.decode(buffer.getBytes());
            if (tick != null) {
                collect(tick);
            }
        });
        ws.textMessageHandler(this::onText);
        ws.closeHandler(v ->
                closed("closed by peer" + (ws.closeStatusCode() != null ? " (" + ws.closeStatusCode() + ")" : "")));
        ws.exceptionHandler(e -> closed("socket error: " + e.getClass().getSimpleName()));
        // Vert.x timer, not @Scheduled: the ping is a write on this socket, which belongs to its event loop, and
        // the timer lives and dies with this one connection.
        this.pingTimer = vertx.setPeriodic(pingInterval.toMillis(), id -> send(PING));
    }

    /** The first tick of a read schedules the hand-over, which runs once the messages read with it are decoded. */
    private void collect(Tick tick) {
        if (pending == null) {
            pending = new ArrayList<>();
            vertx.runOnContext(v -> handOver());
        }
        pending.add(tick);
    }

    private void handOver() {
        List<Tick> ticks = pending;
        pending = null;
        int parts = (ticks.size() + ticksPerPart - 1) / ticksPerPart;
        for (int part = 0; part < parts; part++) {
            List<Tick> slice = ticks.subList(part * ticksPerPart, Math.min(ticks.size(), (part + 1) * ticksPerPart));
            if (!listener.onTicks(this, new ArrayList<>(slice), part, parts)) {
                return;
            }
        }
    }

    /** {@code pong}, or a JSON error ({@code E1001} bad request, {@code E1002} subscription limit): both prove life. */
    private void onText(String text) {
        listener.onFrame(this);
        if (PONG.equals(text.trim())) {
            return;
        }
        listener.onError(this, describeText(text));
    }

    /** A text message other than pong, safe to show (Angel's error has no secret). */
    static String describeText(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.hasNonNull("errorCode")) {
                return "Angel " + node.get("errorCode").asText() + ": "
                        + node.path("errorMessage").asText("");
            }
        } catch (Exception e) {
            // not JSON: shown as it came
        }
        return "Angel: " + (text.length() > 300 ? text.substring(0, 300) : text);
    }

    @Override
    public void subscribe(Map<Long, TickMode> modes, int batchSize) {
        Map<Long, TickMode> stale = new LinkedHashMap<>();
        synchronized (held) {
            modes.forEach((token, mode) -> {
                TickMode before = held.put(token, mode);
                if (before != null && before != mode) {
                    stale.put(token, before);
                }
            });
        }
        AngelRequests.messages(AngelRequests.UNSUBSCRIBE, stale, batchSize).forEach(this::send);
        AngelRequests.messages(AngelRequests.SUBSCRIBE, modes, batchSize).forEach(this::send);
    }

    @Override
    public void unsubscribe(Collection<Long> tokens, int batchSize) {
        Map<Long, TickMode> gone = new LinkedHashMap<>();
        synchronized (held) {
            for (Long token : tokens) {
                TickMode mode = held.remove(token);
                if (mode != null) {
                    gone.put(token, mode);
                }
            }
        }
        AngelRequests.messages(AngelRequests.UNSUBSCRIBE, gone, batchSize).forEach(this::send);
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && !ws.isClosed();
    }

    @Override
    public Future<Void> close(String why) {
        Future<Void> sent = ws.isClosed()
                ? Future.succeededFuture()
                : ws.close((short) 1000, why.length() > 100 ? why.substring(0, 100) : why);
        closed(why);
        return sent;
    }

    private void closed(String why) {
        if (closed.compareAndSet(false, true)) {
            vertx.cancelTimer(pingTimer);
            listener.onClosed(this, why);
        }
    }

    private void send(String text) {
        if (!ws.isClosed()) {
            ws.writeTextMessage(text);
        }
    }
}
