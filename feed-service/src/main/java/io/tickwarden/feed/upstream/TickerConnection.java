package io.tickwarden.feed.upstream;

import io.tickwarden.feed.domain.TickMode;
import io.vertx.core.http.WebSocket;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open Kite ticker socket. Speaks the client side of the protocol: {@code subscribe}, {@code unsubscribe} and
 * {@code mode} text messages with tokens as JSON numbers; delivers binary frames and text frames to its listener,
 * and reports the close once. Callbacks run on the socket's event loop.
 */
public final class TickerConnection {

    /** What a connection tells its owner. */
    public interface Listener {
        void onBinary(TickerConnection connection, byte[] frame);

        void onText(TickerConnection connection, String text);

        void onClosed(TickerConnection connection, String why);
    }

    private final WebSocket ws;
    private final Listener listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    TickerConnection(WebSocket ws, Listener listener) {
        this.ws = ws;
        this.listener = listener;
        ws.binaryMessageHandler(buffer -> listener.onBinary(this, buffer.getBytes()));
        ws.textMessageHandler(text -> listener.onText(this, text));
        ws.closeHandler(v -> closed("closed by peer" + (ws.closeStatusCode() != null ? " (" + ws.closeStatusCode() + ")" : "")));
        ws.exceptionHandler(e -> closed("socket error: " + e.getClass().getSimpleName()));
    }

    /** Subscribes tokens and sets their modes, batched: one subscribe and one mode message per mode and batch. */
    public void subscribe(Map<Long, TickMode> modes, int batchSize) {
        List<Long> all = new ArrayList<>(modes.keySet());
        for (List<Long> batch : batches(all, batchSize)) {
            send("{\"a\":\"subscribe\",\"v\":" + numbers(batch) + "}");
        }
        for (TickMode mode : TickMode.values()) {
            List<Long> tokens = modes.entrySet().stream().filter(e -> e.getValue() == mode).map(Map.Entry::getKey).toList();
            for (List<Long> batch : batches(tokens, batchSize)) {
                send("{\"a\":\"mode\",\"v\":[\"" + mode.wire() + "\"," + numbers(batch) + "]}");
            }
        }
    }

    public void unsubscribe(Collection<Long> tokens, int batchSize) {
        for (List<Long> batch : batches(new ArrayList<>(tokens), batchSize)) {
            send("{\"a\":\"unsubscribe\",\"v\":" + numbers(batch) + "}");
        }
    }

    public boolean isOpen() {
        return !closed.get() && !ws.isClosed();
    }

    /** Closes from our side; the listener still hears of it once. */
    public void close(String why) {
        if (!ws.isClosed()) {
            ws.close((short) 1000, why.length() > 100 ? why.substring(0, 100) : why);
        }
        closed(why);
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
