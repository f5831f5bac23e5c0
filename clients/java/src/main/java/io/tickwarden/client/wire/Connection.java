package io.tickwarden.client.wire;

import io.tickwarden.client.error.CloseCodes;
import io.tickwarden.client.error.TickwardenException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection, as a JDK {@link WebSocket.Listener}. Each complete text message is handed to the
 * client's own thread, and the next message is requested only after the handler returned: a slow application slows
 * the reads, the TCP window closes, and the gateway sees a slow consumer, instead of this client buffering without
 * bound. The end of the connection (close frame, error, failed upgrade) is reported once.
 */
public final class Connection implements WebSocket.Listener {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    /** Called on the client's thread. */
    public interface Handler {
        void opened(Connection connection);

        void message(Connection connection, String text);

        void ended(Connection connection, TickwardenException cause);
    }

    private final Executor loop;
    private final Handler handler;
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile WebSocket socket;
    /** Sends in order, one at a time (the JDK refuses a text send while another is outstanding). Loop thread only. */
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    public Connection(Executor loop, Handler handler) {
        this.loop = loop;
        this.handler = handler;
    }

    /** Reports a failed upgrade or connect. */
    public void failed(Throwable failure) {
        end(CloseCodes.fromFailure(failure));
    }

    public boolean isOpen() {
        return socket != null && !ended.get();
    }

    /** Queues a text message after the ones before it. Loop thread only. */
    public void send(String text) {
        WebSocket ws = socket;
        if (ws == null || ended.get()) {
            return;
        }
        sending = sending.thenCompose(v -> ws.sendText(text, true)).exceptionally(e -> {
            end(CloseCodes.fromFailure(e));
            return null;
        });
    }

    /** Closes normally (1000) without reporting an end; the socket is dropped if the close does not go out soon. */
    public void close() {
        ended.set(true);
        WebSocket ws = socket;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed")
                    .orTimeout(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((w, e) -> ws.abort());
        }
    }

    /** Drops the socket at once, reporting {@code cause}. */
    public void abort(TickwardenException cause) {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        end(cause);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        execute(() -> handler.opened(this));
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (!last) {
            webSocket.request(1);
            return null;
        }
        String text = partial.toString();
        partial.setLength(0);
        execute(() -> {
            try {
                handler.message(this, text);
            } finally {
                if (!ended.get()) {
                    webSocket.request(1);
                }
            }
        });
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1); // the gateway sends text only
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        webSocket.request(1); // the JDK answers the pong itself
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        end(CloseCodes.fromClose(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        end(CloseCodes.fromFailure(error));
    }

    private void end(TickwardenException cause) {
        if (ended.compareAndSet(false, true)) {
            execute(() -> handler.ended(this, cause));
        }
    }

    private void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // The client was closed: nobody is listening any more.
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
        }
    }
}
