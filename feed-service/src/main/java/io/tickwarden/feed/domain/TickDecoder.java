package io.tickwarden.feed.domain;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Kite ticker binary frames (big-endian): int16 packet count, then per packet an int16 length and the
 * packet, whose type is known from its length. Pure, stateless, never throws on bad input: problems are reported
 * as {@link DecodeProblem}s; a packet of an unknown length is skipped and the others still decoded, but a frame
 * whose framing is broken yields nothing. {@link #decodeInParts} hands a large frame over in parts as it decodes.
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

    private TickDecoder() {}

    /**
     * Receives the ticks of one part of a frame as soon as they are decoded ({@link #decodeInParts}).
     */
    @FunctionalInterface
    public interface PartSink {

        /**
         * @param ticks at most {@code maxTicksPerPart} ticks, in frame order, never empty; the sink may keep the list
         * @param part  index of this part within the frame, from 0
         * @param parts the number of parts the frame yields, known before the first part and the same for each
         * @return false to stop: the frame's remaining packets are then not decoded and no further part is handed over
         */
        boolean accept(List<Tick> ticks, int part, int parts);
    }

    /**
     * What {@link #decodeInParts} found in a frame.
     *
     * @param ticks    the ticks the frame holds (its packets of a known length; 0 when the framing is broken)
     * @param parts    the parts those ticks were cut into (each handed over unless the sink stopped early)
     * @param problems every problem, in frame order, whether or not the sink stopped early
     */
    public record Parts(boolean heartbeat, int ticks, int parts, List<DecodeProblem> problems) {}

    /** The whole frame at once: every tick and problem (tests, the conformance oracle, small frames). */
    public static DecodedFrame decode(byte[] frame) {
        List<Tick> ticks = new ArrayList<>();
        Parts found = decodeInParts(frame, Integer.MAX_VALUE, (part, index, parts) -> {
            ticks.addAll(part);
            return true;
        });
        return new DecodedFrame(ticks, found.heartbeat(), found.problems());
    }

    /**
     * Decodes {@code frame} and hands its ticks to {@code sink} in parts of at most {@code maxTicksPerPart}, each as
     * soon as it is decoded, so a caller can publish the first part of a large frame before the rest is decoded.
     * The length prefixes are walked first (cheap: no packet is read): a frame whose framing is broken yields no part
     * at all, exactly as {@link #decode} yields no tick, and the packets of a known length are counted there, so
     * {@code parts} is exact before the first part even when packets of an unknown length are skipped.
     */
    public static Parts decodeInParts(byte[] frame, int maxTicksPerPart, PartSink sink) {
        if (maxTicksPerPart < 1) {
            throw new IllegalArgumentException("maxTicksPerPart must be at least 1, got " + maxTicksPerPart);
        }
        if (frame.length == 0) {
            return new Parts(false, 0, 0, List.of(DecodeProblem.TRUNCATED_HEADER));
        }
        if (frame.length == 1) {
            return new Parts(true, 0, 0, frame[0] == 0 ? List.of() : List.of(DecodeProblem.BAD_HEARTBEAT));
        }
        ByteBuffer in = ByteBuffer.wrap(frame);
        List<DecodeProblem> problems = new ArrayList<>(0);
        int known = walk(in, problems);
        if (known <= 0) {
            return new Parts(false, 0, 0, problems);
        }
        int parts = (int) ((known + (long) maxTicksPerPart - 1) / maxTicksPerPart);
        int count = in.getShort(0) & 0xFFFF;
        int at = 2;
        int decoded = 0;
        int index = 0;
        List<Tick> part = null;
        for (int i = 0; i < count && decoded < known; i++) {
            int length = in.getShort(at) & 0xFFFF;
            at += 2;
            Tick tick = packet(in, at, length);
            at += length;
            if (tick == null) {
                continue;
            }
            if (part == null) {
                part = new ArrayList<>(Math.min(maxTicksPerPart, known - decoded));
            }
            part.add(tick);
            decoded++;
            if (part.size() == maxTicksPerPart || decoded == known) {
                if (!sink.accept(part, index++, parts)) {
                    break;
                }
                part = null;
            }
        }
        return new Parts(false, known, parts, problems);
    }

    /**
     * The header walk: follows the length prefixes only, adding each problem it meets, and returns how many packets
     * have a known length, or -1 when the framing is broken (fewer packets than the count, a length past the end).
     * Nothing in such a frame can be trusted, so none of it is published: publishing its "good" packets made a
     * corrupt stream look live.
     */
    private static int walk(ByteBuffer in, List<DecodeProblem> problems) {
        int end = in.limit();
        int count = in.getShort(0) & 0xFFFF;
        if (count == 0 && end > 2) {
            problems.add(DecodeProblem.TRUNCATED_HEADER);
        }
        int at = 2;
        int known = 0;
        for (int i = 0; i < count; i++) {
            if (end - at < 2) {
                problems.add(DecodeProblem.MISSING_PACKETS);
                return -1;
            }
            int length = in.getShort(at) & 0xFFFF;
            at += 2;
            if (length > end - at) {
                problems.add(DecodeProblem.LENGTH_OVERFLOW);
                return -1;
            }
            if (isKnownLength(length)) {
                known++;
            } else {
                problems.add(DecodeProblem.UNKNOWN_PACKET_LENGTH);
            }
            at += length;
        }
        if (at < end) {
            problems.add(DecodeProblem.TRAILING_BYTES);
        }
        return known;
    }

    private static boolean isKnownLength(int length) {
        return length == LTP || length == INDEX_QUOTE || length == INDEX_FULL || length == QUOTE || length == FULL;
    }

    /** The packet of {@code length} bytes at {@code at}, or null for a length no Kite mode has. */
    private static Tick packet(ByteBuffer in, int at, int length) {
        return switch (length) {
            case LTP -> ltp(in, at);
            case INDEX_QUOTE, INDEX_FULL -> index(in, at, length);
            case QUOTE -> quote(in, at, false);
            case FULL -> quote(in, at, true);
            default -> null;
        };
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
        return new Tick(
                token,
                "ltp",
                segment != SEGMENT_INDICES,
                ltp,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
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
        return new Tick(
                token,
                length == INDEX_FULL ? "full" : "quote",
                segment != SEGMENT_INDICES,
                ltp,
                null,
                null,
                null,
                null,
                null,
                open,
                high,
                low,
                close,
                change(ltp, close),
                null,
                null,
                null,
                null,
                ts,
                null,
                null);
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
        return new Tick(
                token,
                full ? "full" : "quote",
                segment != SEGMENT_INDICES,
                ltp,
                (double) in.getInt(at + 8),
                in.getInt(at + 12) / d,
                (long) in.getInt(at + 16),
                (double) in.getInt(at + 20),
                (double) in.getInt(at + 24),
                in.getInt(at + 28) / d,
                in.getInt(at + 32) / d,
                in.getInt(at + 36) / d,
                close,
                change(ltp, close),
                lastTrade,
                oi,
                oiHigh,
                oiLow,
                ts,
                bids,
                asks);
    }

    private static double change(double ltp, double close) {
        return close != 0 ? (ltp - close) * 100 / close : 0;
    }

    private static Instant epochSeconds(int seconds) {
        return seconds > 0 ? Instant.ofEpochSecond(seconds) : null;
    }
}
