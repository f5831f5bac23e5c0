package io.tickwarden.kitesim.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.tickwarden.kitesim.service.FaultController;
import io.tickwarden.kitesim.service.FaultKind;
import io.tickwarden.kitesim.service.SimStats;

/**
 * Sits in the socket's Netty pipeline before Vert.x, which answers every PING with a PONG by itself. Counts pings
 * and swallows them while {@code no_pong} is on, so the client sees no PONG.
 */
final class PingFilter extends ChannelInboundHandlerAdapter {

    private final FaultController faults;
    private final SimStats stats;

    PingFilter(FaultController faults, SimStats stats) {
        this.faults = faults;
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame) {
            stats.pingsReceived.increment();
            if (faults.isActive(FaultKind.NO_PONG)) {
                ReferenceCountUtil.release(msg);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
