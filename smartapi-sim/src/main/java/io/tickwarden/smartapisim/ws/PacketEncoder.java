package io.tickwarden.smartapisim.ws;

import io.tickwarden.sim.DepthLevel;
import io.tickwarden.sim.QuoteSnapshot;
import io.tickwarden.smartapisim.domain.AngelInstrument;
import io.tickwarden.smartapisim.domain.DerivedPrices;
import io.tickwarden.smartapisim.domain.StreamMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * WebSocket 2.0 binary packets, little-endian, one per message: LTP 51 bytes, Quote 123, SnapQuote 379, Depth-20
 * 443, laid out as in Angel's table. Prices are the model's units, which are paise (10^-7 rupee for cde_fo) for
 * every streamed segment. Timestamps: exchange time in epoch ms, last traded time in epoch seconds.
 */
public final class PacketEncoder {

    static final int TOKEN_BYTES = 25;
    private static final int DEPTH_20_LEVELS = 20;

    private PacketEncoder() {}

    public static byte[] encode(StreamMode mode, AngelInstrument in, QuoteSnapshot s) {
        ByteBuffer b = ByteBuffer.allocate(mode.packetSize()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) mode.code());
        b.put((byte) in.exchangeType().orElseThrow().code());
        b.put(token(in.token()));
        if (mode == StreamMode.DEPTH_20) {
            return depth20(b, s);
        }
        b.putLong(in.isIndex() ? 0 : s.sequence()); // 27: not maintained for indices
        b.putLong(s.exchangeTimestamp() * 1000); // 35: epoch ms
        b.putLong(s.lastPrice()); // 43
        if (mode == StreamMode.LTP) {
            return b.array();
        }
        b.putLong(s.lastQuantity()); // 51
        b.putLong(s.averagePrice()); // 59
        b.putLong(s.volume()); // 67
        b.putDouble(s.buyQuantity()); // 75
        b.putDouble(s.sellQuantity()); // 83
        b.putLong(s.open()); // 91
        b.putLong(s.high()); // 99
        b.putLong(s.low()); // 107
        b.putLong(s.close()); // 115
        if (mode == StreamMode.QUOTE) {
            return b.array();
        }
        b.putLong(s.lastTradeTime()); // 123: epoch seconds
        b.putLong(s.oi()); // 131
        b.putDouble(0.0); // 139: OI change %, a dummy field per Angel
        bestFive(b, s.bids(), 1); // 147: five buy entries, then
        bestFive(b, s.asks(), 0); //      five sell entries, 20 bytes each
        b.putLong(DerivedPrices.upperCircuit(s)); // 347
        b.putLong(DerivedPrices.lowerCircuit(s)); // 355
        b.putLong(DerivedPrices.week52High(s)); // 363
        b.putLong(DerivedPrices.week52Low(s)); // 371
        return b.array();
    }

    /** The token as ASCII, NUL-padded to 25 bytes. */
    static byte[] token(String token) {
        byte[] out = new byte[TOKEN_BYTES];
        byte[] ascii = token.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, out, 0, Math.min(ascii.length, TOKEN_BYTES));
        return out;
    }

    private static void bestFive(ByteBuffer b, List<DepthLevel> levels, int flag) {
        for (int i = 0; i < 5; i++) {
            DepthLevel l = i < levels.size() ? levels.get(i) : DepthLevel.EMPTY;
            b.putShort((short) flag);
            b.putLong(l.quantity());
            b.putLong(l.priceUnits());
            b.putShort((short) l.orders());
        }
    }

    /**
     * Depth-20: exchange time (ms) at 27, packet time at 35, 20 buy entries at 43 and 20 sell entries at 243, each
     * int32 quantity, int32 price, int16 orders. The model walks five levels; deeper ones continue them a tick apart.
     */
    private static byte[] depth20(ByteBuffer b, QuoteSnapshot s) {
        b.putLong(s.exchangeTimestamp() * 1000);
        b.putLong(s.exchangeTimestamp() * 1000);
        long tick = s.instrument().tickUnits();
        depthSide(b, s.bids(), -tick);
        depthSide(b, s.asks(), tick);
        return b.array();
    }

    private static void depthSide(ByteBuffer b, List<DepthLevel> levels, long step) {
        int n = levels.size();
        for (int i = 0; i < DEPTH_20_LEVELS; i++) {
            if (n == 0) {
                b.putInt(0).putInt(0).putShort((short) 0);
            } else if (i < n) {
                DepthLevel l = levels.get(i);
                b.putInt(l.quantity()).putInt((int) l.priceUnits()).putShort((short) l.orders());
            } else {
                long last = levels.get(n - 1).priceUnits();
                DepthLevel pattern = levels.get(i % n);
                long price = last == 0 ? 0 : Math.max(0, last + step * (i - n + 1));
                b.putInt(pattern.quantity()).putInt((int) price).putShort((short) pattern.orders());
            }
        }
    }
}
