package io.tickwarden.kitesim.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.tickwarden.kitesim.domain.TickMode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** One open ticker socket: its api_key, its subscriptions with their modes, and what it has been sent. */
final class TickerSocket {

    final long id;
    final String apiKey;
    final Instant openedAt;
    final ServerWebSocket ws;
    final Channel channel;
    final Map<Long, TickMode> subscriptions = new ConcurrentHashMap<>();
    final AtomicLong subscribeMessages = new AtomicLong();
    final AtomicLong unsubscribeMessages = new AtomicLong();
    final AtomicLong modeMessages = new AtomicLong();
    final AtomicLong framesSkipped = new AtomicLong();

    TickerSocket(long id, String apiKey, Instant openedAt, ServerWebSocket ws, Channel channel) {
        this.id = id;
        this.apiKey = apiKey;
        this.openedAt = openedAt;
        this.ws = ws;
        this.channel = channel;
    }

    boolean isOpen() {
        return !ws.isClosed() && channel.isActive();
    }

    /** Queues a binary frame unless the socket's write queue is full (a stuck client must not grow our heap). */
    boolean sendBinary(byte[] frame) {
        if (!isOpen()) {
            return false;
        }
        if (ws.writeQueueFull()) {
            framesSkipped.incrementAndGet();
            return false;
        }
        ws.writeBinaryMessage(Buffer.buffer(frame));
        return true;
    }

    void sendText(String text) {
        if (isOpen()) {
            ws.writeTextMessage(text);
        }
    }

    /**
     * Cuts the TCP connection without a close frame, as a network failure would. A plain {@code channel.close()}
     * travels the pipeline, where Vert.x turns it into a polite WebSocket close; {@code unsafe().close()} goes
     * straight to the socket, and SO_LINGER 0 makes it a reset rather than an orderly FIN.
     */
    void cut() {
        cut(channel);
    }

    static void cut(Channel channel) {
        channel.eventLoop().execute(() -> {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.unsafe().close(channel.unsafe().voidPromise());
        });
    }
}
