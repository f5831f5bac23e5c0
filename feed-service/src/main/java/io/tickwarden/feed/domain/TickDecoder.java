package io.tickwarden.feed.domain;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Kite ticker binary frames (big-endian): int16 packet count, then per packet an int16 length and the
 * packet, whose type is known from its length. Pure, stateless, never throws on bad input: bad packets are
 * reported as {@link DecodeProblem}s and skipped, good ones still decoded.
 *
 * <p>Divisors: CDS (segment 3) 10^7, BCD (segment 6) 10^4, else 100; index packets always 100. Indices
 * (segment 9) are not tradable. Semantics match kiteconnect 3.5.1's KiteTicker (the test oracle).
 */
public final class TickDecoder {

    public static final int LTP = 8;
    public static final int INDEX_QUOTE = 28;
    public static final int INDEX_FULL = 32;
    public static final int QUOTE = 44;
    public static final int FULL = 184;
    private static final int SEGMENT_CDS = 3;
    private static final int SEGMENT_BCD = 6;
    private static final int SEGMENT_INDICES = 9;

    private TickDecoder() {
    }

    public static DecodedFrame decode(byte[] frame) {
        if (frame.length == 0) {
            return new DecodedFrame(List.of(), false, List.of(DecodeProblem.TRUNCATED_HEADER));
        }
        if (frame.length == 1) {
            return frame[0] == 0
                    ? new DecodedFrame(List.of(), true, List.of())
                    : new DecodedFrame(List.of(), true, List.of(DecodeProblem.BAD_HEARTBEAT));
        }
        ByteBuffer in = ByteBuffer.wrap(frame);
        int count = in.getShort() & 0xFFFF;
        List<Tick> ticks = new ArrayList<>(Math.min(count, 4096));
        List<DecodeProblem> problems = new ArrayList<>(0);
        if (count == 0 && frame.length > 2) {
            problems.add(DecodeProblem.TRUNCATED_HEADER);
        }
        for (int i = 0; i < count; i++) {
            // Broken framing (fewer packets than promised, a length past the end): nothing in this frame can be
            // trusted, so none of it is published. Publishing its "good" packets made a corrupt stream look live.
            if (in.remaining() < 2) {
                problems.add(DecodeProblem.MISSING_PACKETS);
                return new DecodedFrame(List.of(), false, problems);
            }
            int length = in.getShort() & 0xFFFF;
            if (length > in.remaining()) {
                problems.add(DecodeProblem.LENGTH_OVERFLOW);
                return new DecodedFrame(List.of(), false, problems);
            }
            int start = in.position();
            Tick tick = switch (length) {
                case LTP -> ltp(in, start);
                case INDEX_QUOTE, INDEX_FULL -> index(in, start, length);
                case QUOTE -> quote(in, start, false);
                case FULL -> quote(in, start, true);
                default -> null;
            };
            if (tick == null) {
                problems.add(DecodeProblem.UNKNOWN_PACKET_LENGTH);
            } else {
                ticks.add(tick);
            }
            in.position(start + length);
        }
        if (in.hasRemaining()) {
            problems.add(DecodeProblem.TRAILING_BYTES);
        }
        return new DecodedFrame(ticks, false, problems);
    }

    static int divisor(int segment) {
        return switch (segment) {
            case SEGMENT_CDS -> 10_000_000;
            case SEGMENT_BCD -> 10_000;
            default -> 100;
        };
    }

    private static Tick ltp(ByteBuffer in, int at) {
        int token = in.getInt(at);
        int segment = token & 0xFF;
        double ltp = in.getInt(at + 4) / (double) divisor(segment);
        return new Tick(token, "ltp", segment != SEGMENT_INDICES, ltp, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static Tick index(ByteBuffer in, int at, int length) {
        int token = in.getInt(at);
        int segment = token & 0xFF;
        double d = 100;
        double ltp = in.getInt(at + 4) / d;
        double high = in.getInt(at + 8) / d;
        double low = in.getInt(at + 12) / d;
        double open = in.getInt(at + 16) / d;
        double close = in.getInt(at + 20) / d;
        Instant ts = length == INDEX_FULL ? epochSeconds(in.getInt(at + 28)) : null;
        return new Tick(token, length == INDEX_FULL ? "full" : "quote", segment != SEGMENT_INDICES, ltp, null, null,
                null, null, null, open, high, low, close, change(ltp, close), null, null, null, null, ts, null, null);
    }

    private static Tick quote(ByteBuffer in, int at, boolean full) {
        int token = in.getInt(at);
        int segment = token & 0xFF;
        double d = divisor(segment);
        double ltp = in.getInt(at + 4) / d;
        double close = in.getInt(at + 40) / d;
        Instant lastTrade = null;
        Instant ts = null;
        Double oi = null;
        Double oiHigh = null;
        Double oiLow = null;
        List<DepthLevel> bids = null;
        List<DepthLevel> asks = null;
        if (full) {
            lastTrade = epochSeconds(in.getInt(at + 44));
            oi = (double) in.getInt(at + 48);
            oiHigh = (double) in.getInt(at + 52);
            oiLow = (double) in.getInt(at + 56);
            ts = epochSeconds(in.getInt(at + 60));
            bids = new ArrayList<>(5);
            asks = new ArrayList<>(5);
            for (int k = 0; k < 10; k++) {
                int p = at + 64 + k * 12;
                DepthLevel level = new DepthLevel(in.getInt(p), in.getInt(p + 4) / d, in.getShort(p + 8));
                (k < 5 ? bids : asks).add(level);
            }
        }
        return new Tick(token, full ? "full" : "quote", segment != SEGMENT_INDICES, ltp,
                (double) in.getInt(at + 8), in.getInt(at + 12) / d, (long) in.getInt(at + 16),
                (double) in.getInt(at + 20), (double) in.getInt(at + 24),
                in.getInt(at + 28) / d, in.getInt(at + 32) / d, in.getInt(at + 36) / d, close, change(ltp, close),
                lastTrade, oi, oiHigh, oiLow, ts, bids, asks);
    }

    private static double change(double ltp, double close) {
        return close != 0 ? (ltp - close) * 100 / close : 0;
    }

    private static Instant epochSeconds(int seconds) {
        return seconds > 0 ? Instant.ofEpochSecond(seconds) : null;
    }
}
