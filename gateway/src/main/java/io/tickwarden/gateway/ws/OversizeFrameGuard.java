package io.tickwarden.gateway.ws;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.tickwarden.contracts.gateway.GatewayCloseCodes;
import io.tickwarden.gateway.config.GatewayConfig;
import io.tickwarden.gateway.service.GatewayMetrics;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.inject.Singleton;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Closes a {@code /ws/market} connection whose client sends a frame larger than the limit with a close frame 1009
 * and a reason, instead of the bare TCP close (the client sees 1006) Vert.x does on its own.
 *
 * <p><b>What Vert.x does.</b> Vert.x 4.5 builds the server's WebSocket frame decoder with
 * {@code maxFramePayloadLength = max-frame-size} and {@code closeOnProtocolViolation = false}. When a frame header
 * announces more than that, Netty's decoder throws {@link CorruptedWebSocketFrameException} (status
 * MESSAGE_TOO_BIG) without writing anything; Vert.x's {@code VertxHandler.exceptionCaught} hands it to the
 * connection's exception handler (websockets-next runs {@code @OnError} later, on another task) and closes the channel
 * at once, so no close frame is ever written. An oversize message made of frames that are each under the limit is a
 * different path: Vert.x's frame aggregator reports it and keeps the socket open, and {@link MarketSocket#onError}
 * closes it with 1009 through the normal close handshake.
 *
 * <p><b>Why a Netty handler rather than higher transport limits.</b> Raising max-frame-size above the application
 * limit and checking the size in {@code @OnTextMessage} only moves the cliff: a frame over the raised limit still
 * gets 1006, and every connection may make the server buffer a whole frame of that size. This handler sits between
 * the decoder and Vert.x's handler and takes the exception before Vert.x does, so the frame limit can stay equal to
 * the application limit, and any frame over it, of whatever size, gets 1009. Nothing of such a frame is buffered: the
 * decoder refuses it as soon as it has read the length in the header and from then on discards every byte it reads
 * (its CORRUPT state). Memory per connection stays bounded by the frame and message limits whatever a client sends.
 *
 * <p><b>How it closes.</b> It writes the close frame, then keeps reading (and discarding) until the client closes
 * the TCP connection or {@link #LINGER_MILLIS} pass, and only then closes. Closing at once would make the kernel
 * answer the rest of a large frame still in flight with a reset, which on some clients discards the close frame
 * before it is read. Anything the application writes after the close frame (ticks, heartbeats, another close) is
 * dropped, as RFC 6455 requires.
 *
 * <p>It is installed per connection at the upgrade ({@link ApiKeyUpgradeCheck}); it needs Vert.x's connection class
 * ({@code io.vertx.core.net.impl.ConnectionBase}, internal API) to reach the Netty pipeline. Should that change in a
 * Vert.x upgrade, {@link #install} logs a warning and connections fall back to Vert.x's behaviour.
 */
@Singleton
public class OversizeFrameGuard {

    static final String HANDLER_NAME = "tickwarden-oversize-frame-guard";
    /** How long a refused client may keep sending (discarded) after the close frame before the socket is closed. */
    static final long LINGER_MILLIS = 1000;

    private static final Logger LOG = Logger.getLogger(OversizeFrameGuard.class);

    private final GatewayMetrics metrics;
    private final String reason;
    private volatile boolean warned;

    OversizeFrameGuard(GatewayMetrics metrics, GatewayConfig config) {
        this.metrics = metrics;
        this.reason = MarketSocket.tooBigReason(config.ws().maxMessageBytes());
    }

    /** Adds the handler to the connection of an accepted upgrade request (idempotent); false when it could not. */
    public boolean install(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        if (!(connection instanceof ConnectionBase vertx)) {
            if (!warned) {
                warned = true;
                LOG.warnf(
                        "cannot reach the Netty pipeline of %s; oversize WebSocket frames will be cut without a "
                                + "close frame",
                        connection == null ? "null" : connection.getClass().getName());
            }
            return false;
        }
        ChannelPipeline pipeline = vertx.channel().pipeline();
        if (pipeline.get(HANDLER_NAME) == null) {
            // Just before Vert.x's handler: at the handshake Netty puts its frame decoder where the HTTP decoder is,
            // nearer the head, so the decoder's exceptions reach this handler before Vert.x's.
            pipeline.addBefore(vertx.channelHandlerContext().name(), HANDLER_NAME, new Handler());
        }
        return true;
    }

    private final class Handler extends ChannelDuplexHandler {

        /** Only touched on the channel's event loop. */
        private boolean closeSent;

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!(cause instanceof CorruptedWebSocketFrameException corrupted)
                    || corrupted.closeStatus().code() != WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
                ctx.fireExceptionCaught(cause);
                return;
            }
            if (closeSent) {
                return;
            }
            closeSent = true;
            metrics.tooBigClose();
            LOG.debugf("closing %s with 1009: %s", ctx.channel().remoteAddress(), cause.getMessage());
            ctx.writeAndFlush(new CloseWebSocketFrame(GatewayCloseCodes.MESSAGE_TOO_BIG, reason))
                    .addListener(written -> {
                        if (!written.isSuccess() || !ctx.channel().isActive()) {
                            ctx.close();
                            return;
                        }
                        Runnable close = ctx::close;
                        ScheduledFuture<?> linger =
                                ctx.executor().schedule(close, LINGER_MILLIS, TimeUnit.MILLISECONDS);
                        ctx.channel().closeFuture().addListener(closed -> linger.cancel(false));
                    });
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (!closeSent) {
                ctx.write(msg, promise);
                return;
            }
            // Nothing may follow our close frame.
            ReferenceCountUtil.release(msg);
            if (!promise.isVoid()) {
                promise.tryFailure(new ClosedChannelException());
            }
        }
    }
}
