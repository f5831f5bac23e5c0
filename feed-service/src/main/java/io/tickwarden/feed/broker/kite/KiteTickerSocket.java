package io.tickwarden.feed.broker.kite;

import io.tickwarden.contracts.feed.TickMode;
import io.tickwarden.feed.broker.BrokerSocket;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open Kite ticker socket. Speaks the client side of the protocol: {@code subscribe}, {@code unsubscribe} and
 * {@code mode} text messages with tokens as JSON numbers; decodes binary frames ({@link KiteFrameDecoding}) and
 * reports Kite's text errors and the close once. Callbacks run on the socket's event loop.
 */
final class KiteTickerSocket implements BrokerSocket {

    private final WebSocket ws;
    private final Listener listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    KiteTickerSocket(WebSocket ws, Listener listener, KiteFrameDecoding frames, int ticksPerPart) {
        this.ws = ws;
        this.listener = listener;
        ws.binaryMessageHandler(buffer -> {
            byte[] frame = buffer.getBytes();
            listener.onFrame(this);
            frames.decode(frame, ticksPerPart, (ticks, part, parts) -> listener.onTicks(this, ticks, part, parts));
        });
        ws.textMessageHandler(this::onText);
        ws.closeHandler(v ->
                closed("closed by peer" + (ws.closeStatusCode() != null ? " (" + ws.closeStatusCode() + ")" : "")));
        ws.exceptionHandler(e -> closed("socket error: " + e.getClass().getSimpleName()));
    }

    /** Kite sends order postbacks and error messages as text; errors matter (e.g. the instrument limit). */
    private void onText(String text) {
        if (text.contains("\"error\"")) {
            listener.onError(this, "Kite: " + (text.length() > 300 ? text.substring(0, 300) : text));
        }
    }

    /** Subscribes tokens and sets their modes, batched: one subscribe and one mode message per mode and batch. */
    @Override
    public void subscribe(Map<Long, TickMode> modes, int batchSize) {
        List<Long> all = new ArrayList<>(modes.keySet());
        for (List<Long> batch : batches(all, batchSize)) {
            send("{\"a\":\"subscribe\",\"v\":" + numbers(batch) + "}");
        }
        for (TickMode mode : TickMode.values()) {
            List<Long> tokens = modes.entrySet().stream()
                    .filter(e -> e.getValue() == mode)
                    .map(Map.Entry::getKey)
                    .toList();
            for (List<Long> batch : batches(tokens, batchSize)) {
                send("{\"a\":\"mode\",\"v\":[\"" + mode.wire() + "\"," + numbers(batch) + "]}");
            }
        }
    }

    @Override
    public void unsubscribe(Collection<Long> tokens, int batchSize) {
        for (List<Long> batch : batches(new ArrayList<>(tokens), batchSize)) {
            send("{\"a\":\"unsubscribe\",\"v\":" + numbers(batch) + "}");
        }
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
            listener.onClosed(this, why);
        }
    }

    private void send(String text) {
        if (!ws.isClosed()) {
            ws.writeTextMessage(text);
        }
    }

    private static String numbers(List<Long> tokens) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(tokens.get(i));
        }
        return sb.append(']').toString();
    }

    static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return out;
    }
}
