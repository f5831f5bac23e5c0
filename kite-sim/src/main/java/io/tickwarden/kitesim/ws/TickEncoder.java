package io.tickwarden.kitesim.ws;

import io.tickwarden.kitesim.domain.TickMode;
import io.tickwarden.sim.DepthLevel;
import io.tickwarden.sim.QuoteSnapshot;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Kite's binary ticker packets, big-endian: LTP 8 bytes, index quote 28, index full 32, quote 44, full 184.
 * A frame is an int16 packet count, then per packet an int16 length and the packet. Pure and stateless.
 */
public final class TickEncoder {

    public static final int LTP_LENGTH = 8;
    public static final int INDEX_QUOTE_LENGTH = 28;
    public static final int INDEX_FULL_LENGTH = 32;
    public static final int QUOTE_LENGTH = 44;
    public static final int FULL_LENGTH = 184;

    private TickEncoder() {}

    public static int packetLength(QuoteSnapshot s, TickMode mode) {
        if (mode == TickMode.LTP) {
            return LTP_LENGTH;
        }
        if (s.instrument().isIndex()) {
            return mode == TickMode.FULL ? INDEX_FULL_LENGTH : INDEX_QUOTE_LENGTH;
        }
        return mode == TickMode.FULL ? FULL_LENGTH : QUOTE_LENGTH;
    }

    /** Writes one packet (without its length prefix). */
    public static void writePacket(ByteBuffer out, QuoteSnapshot s, TickMode mode) {
        int token = (int) s.token();
        out.putInt(token);
        out.putInt((int) s.lastPrice());
        if (mode == TickMode.LTP) {
            return;
        }
        if (s.instrument().isIndex()) {
            out.putInt((int) s.high());
            out.putInt((int) s.low());
            out.putInt((int) s.open());
            out.putInt((int) s.close());
            out.putInt((int) s.changeUnits());
            if (mode == TickMode.FULL) {
                out.putInt((int) s.exchangeTimestamp());
            }
            return;
        }
        out.putInt(s.lastQuantity());
        out.putInt((int) s.averagePrice());
        out.putInt((int) s.volume());
        out.putInt((int) s.buyQuantity());
        out.putInt((int) s.sellQuantity());
        out.putInt((int) s.open());
        out.putInt((int) s.high());
        out.putInt((int) s.low());
        out.putInt((int) s.close());
        if (mode != TickMode.FULL) {
            return;
        }
        out.putInt((int) s.lastTradeTime());
        out.putInt((int) s.oi());
        out.putInt((int) s.oiDayHigh());
        out.putInt((int) s.oiDayLow());
        out.putInt((int) s.exchangeTimestamp());
        writeDepth(out, s.bids());
        writeDepth(out, s.asks());
    }

    private static void writeDepth(ByteBuffer out, List<DepthLevel> levels) {
        for (int i = 0; i < 5; i++) {
            DepthLevel d = i < levels.size() ? levels.get(i) : DepthLevel.EMPTY;
            out.putInt(d.quantity());
            out.putInt((int) d.priceUnits());
            out.putShort((short) d.orders());
            out.putShort((short) 0);
        }
    }

    /** One packet alone, as in the official mock files. */
    public static byte[] packet(QuoteSnapshot s, TickMode mode) {
        ByteBuffer out = ByteBuffer.allocate(packetLength(s, mode));
        writePacket(out, s, mode);
        return out.array();
    }

    /** A whole binary frame carrying the given packets (at most 32767, the int16 count). */
    public static byte[] frame(List<QuoteSnapshot> snapshots, List<TickMode> modes) {
        int size = 2;
        for (int i = 0; i < snapshots.size(); i++) {
            size += 2 + packetLength(snapshots.get(i), modes.get(i));
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putShort((short) snapshots.size());
        for (int i = 0; i < snapshots.size(); i++) {
            out.putShort((short) packetLength(snapshots.get(i), modes.get(i)));
            writePacket(out, snapshots.get(i), modes.get(i));
        }
        return out.array();
    }
}
