package io.tickwarden.smartapisim.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.tickwarden.smartapisim.domain.AngelInstrument;
import io.tickwarden.smartapisim.domain.ExchangeType;
import io.tickwarden.smartapisim.domain.StreamMode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** One open WebSocket 2.0 connection: its client code, its subscriptions (token and mode) and what it was sent. */
final class StreamSocket {

    /** A subscription: one token of one exchange type in one mode (a token may be subscribed in several modes). */
    record Subscription(StreamMode mode, ExchangeType exchangeType, String token) {}

    final long id;
    final String clientCode;
    final Instant openedAt;
    final ServerWebSocket ws;
    final Channel channel;
    final Map<Subscription, AngelInstrument> subscriptions = new ConcurrentHashMap<>();
    final AtomicLong subscribeMessages = new AtomicLong();
    final AtomicLong unsubscribeMessages = new AtomicLong();
    final AtomicLong packetsSent = new AtomicLong();
    final AtomicLong packetsSkipped = new AtomicLong();

    StreamSocket(long id, String clientCode, Instant openedAt, ServerWebSocket ws, Channel channel) {
        this.id = id;
        this.clientCode = clientCode;
        this.openedAt = openedAt;
        this.ws = ws;
        this.channel = channel;
    }

    boolean isOpen() {
        return !ws.isClosed() && channel.isActive();
    }

    long depthSubscriptions() {
        return subscriptions.keySet().stream()
                .filter(s -> s.mode() == StreamMode.DEPTH_20)
                .count();
    }

    /** Queues one binary message unless the write queue is full (a stuck client must not grow our heap). */
    boolean sendBinary(byte[] packet) {
        if (!isOpen()) {
            return false;
        }
        if (ws.writeQueueFull()) {
            packetsSkipped.incrementAndGet();
            return false;
        }
        ws.writeBinaryMessage(Buffer.buffer(packet));
        packetsSent.incrementAndGet();
        return true;
    }

    boolean sendText(String text) {
        if (!isOpen()) {
            return false;
        }
        ws.writeTextMessage(text);
        return true;
    }

    /**
     * Cuts the TCP connection without a close frame, as a network failure would: {@code unsafe().close()} skips the
     * pipeline (where Vert.x would send a polite close) and SO_LINGER 0 makes it a reset.
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
