package io.tickwarden.feed.broker.angel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Hand-built SmartAPI packets, byte for byte from the spec table (offsets written out, little-endian): the golden
 * inputs of the decoder tests. Each setter writes one documented field at its documented offset.
 */
final class AngelPackets {

    private final ByteBuffer buf;

    private AngelPackets(int length, int mode, int exchangeType, String token) {
        buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(0, (byte) mode);
        buf.put(1, (byte) exchangeType);
        byte[] ascii = token.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < ascii.length; i++) {
            buf.put(2 + i, ascii[i]); // offset 2, 25 bytes, NUL-padded (the rest stays 0)
        }
    }

    static AngelPackets ltp(int exchangeType, String token) {
        return new AngelPackets(51, 1, exchangeType, token);
    }

    static AngelPackets quote(int exchangeType, String token) {
        return new AngelPackets(123, 2, exchangeType, token);
    }

    static AngelPackets snapQuote(int exchangeType, String token) {
        return new AngelPackets(379, 3, exchangeType, token);
    }

    AngelPackets sequence(long v) {
        buf.putLong(27, v);
        return this;
    }

    AngelPackets exchangeTimestampMs(long v) {
        buf.putLong(35, v);
        return this;
    }

    AngelPackets ltpPaise(long v) {
        buf.putLong(43, v);
        return this;
    }

    AngelPackets lastQuantity(long v) {
        buf.putLong(51, v);
        return this;
    }

    AngelPackets averagePrice(long v) {
        buf.putLong(59, v);
        return this;
    }

    AngelPackets volume(long v) {
        buf.putLong(67, v);
        return this;
    }

    AngelPackets totalBuy(double v) {
        buf.putDouble(75, v);
        return this;
    }

    AngelPackets totalSell(double v) {
        buf.putDouble(83, v);
        return this;
    }

    AngelPackets ohlc(long open, long high, long low, long close) {
        buf.putLong(91, open);
        buf.putLong(99, high);
        buf.putLong(107, low);
        buf.putLong(115, close);
        return this;
    }

    AngelPackets lastTradedTimestamp(long v) {
        buf.putLong(123, v);
        return this;
    }

    AngelPackets openInterest(long v) {
        buf.putLong(131, v);
        return this;
    }

    AngelPackets oiChangePercent(double v) {
        buf.putDouble(139, v);
        return this;
    }

    /** Best-five entry {@code k} (0-9) at 147 + 20k: int16 flag, int64 quantity, int64 price, int16 orders. */
    AngelPackets depth(int k, int flag, long quantity, long price, int orders) {
        int at = 147 + 20 * k;
        buf.putShort(at, (short) flag);
        buf.putLong(at + 2, quantity);
        buf.putLong(at + 10, price);
        buf.putShort(at + 18, (short) orders);
        return this;
    }

    AngelPackets circuitsAnd52Week(long upper, long lower, long high52, long low52) {
        buf.putLong(347, upper);
        buf.putLong(355, lower);
        buf.putLong(363, high52);
        buf.putLong(371, low52);
        return this;
    }

    AngelPackets rawByte(int offset, int value) {
        buf.put(offset, (byte) value);
        return this;
    }

    byte[] bytes() {
        return buf.array().clone();
    }
}
