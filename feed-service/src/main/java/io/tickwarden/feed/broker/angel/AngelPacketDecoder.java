package io.tickwarden.feed.broker.angel;

import io.tickwarden.feed.domain.DecodeProblem;
import io.tickwarden.feed.domain.DepthLevel;
import io.tickwarden.feed.domain.Tick;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Decodes one SmartAPI WebSocket 2.0 binary message: exactly one little-endian packet of 51 (LTP), 123 (Quote) or
 * 379 (SnapQuote) bytes, laid out as in Angel's table (docs/feed-service.md "Angel One adapter"). Pure and
 * stateless; never throws on bad input: a message of another length, an unknown exchange type, a token that is not
 * a number or a mode byte that does not fit the length is a {@link DecodeProblem} and yields no tick.
 *
 * <p>Values: prices divided by the exchange's divisor ({@link AngelExchange#divisor()}); LTP read as int64 (the
 * JavaScript SDK reads int32 at the same offset: equal while under 2^31 paise); the exchange timestamp is epoch ms;
 * the last-traded timestamp is epoch seconds as Angel sends it (a value past 10^11 is taken as ms); the best five are
 * positional, the first five entries bids and the last five asks, as the JavaScript SDK reads them (the flag is not
 * trusted: real packets carry 0 in bid entries). {@code change} is the percent change against close, as on Kite.
 */
public final class AngelPacketDecoder {

    public static final int LTP = 51;
    public static final int QUOTE = 123;
    public static final int SNAP_QUOTE = 379;
    static final int TOKEN_AT = 2;
    static final int TOKEN_BYTES = 25;
    private static final long SECONDS_LIMIT = 100_000_000_000L;

    private AngelPacketDecoder() {}

    /** A tick, or the problem that stopped it (exactly one of the two is set). */
    public record Result(Tick tick, DecodeProblem problem) {}

    /**
     * @param isIndex tells index tokens (encoded, {@link AngelTokens}) from tradable ones: the packet does not say
     */
    public static Result decode(byte[] packet, LongPredicate isIndex) {
        int length = packet.length;
        if (length != LTP && length != QUOTE && length != SNAP_QUOTE) {
            return problem(DecodeProblem.UNKNOWN_PACKET_LENGTH);
        }
        ByteBuffer in = ByteBuffer.wrap(packet).order(ByteOrder.LITTLE_ENDIAN);
        int mode = in.get(0) & 0xFF;
        if (mode != modeOf(length)) {
            return problem(DecodeProblem.MODE_MISMATCH);
        }
        AngelExchange exchange = AngelExchange.ofType(in.get(1) & 0xFF).orElse(null);
        if (exchange == null) {
            return problem(DecodeProblem.UNKNOWN_EXCHANGE_TYPE);
        }
        long numeric = AngelTokens.parse(token(packet));
        if (numeric < 0) {
            return problem(DecodeProblem.BAD_TOKEN);
        }
        long token = AngelTokens.encode(exchange.type(), numeric);
        boolean tradable = !isIndex.test(token);
        double d = exchange.divisor();
        double ltp = in.getLong(43) / d;
        Instant exchangeTime = epochMillis(in.getLong(35));
        if (length == LTP) {
            return new Result(
                    new Tick(
                            token,
                            "ltp",
                            tradable,
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
                            exchangeTime,
                            null,
                            null),
                    null);
        }
        double close = in.getLong(115) / d;
        boolean full = length == SNAP_QUOTE;
        Instant lastTrade = null;
        Double oi = null;
        List<DepthLevel> bids = null;
        List<DepthLevel> asks = null;
        if (full) {
            lastTrade = lastTradeTime(in.getLong(123));
            oi = (double) in.getLong(131);
            bids = new ArrayList<>(5);
            asks = new ArrayList<>(5);
            for (int k = 0; k < 10; k++) {
                int at = 147 + k * 20;
                DepthLevel level =
                        new DepthLevel((int) in.getLong(at + 2), in.getLong(at + 10) / d, in.getShort(at + 18));
                (k < 5 ? bids : asks).add(level);
            }
        }
        return new Result(
                new Tick(
                        token,
                        full ? "full" : "quote",
                        tradable,
                        ltp,
                        (double) in.getLong(51),
                        in.getLong(59) / d,
                        in.getLong(67),
                        in.getDouble(75),
                        in.getDouble(83),
                        in.getLong(91) / d,
                        in.getLong(99) / d,
                        in.getLong(107) / d,
                        close,
                        close != 0 ? (ltp - close) * 100 / close : 0,
                        lastTrade,
                        oi,
                        null,
                        null,
                        exchangeTime,
                        bids,
                        asks),
                null);
    }

    /** The subscription mode a packet of {@code length} bytes carries (1 LTP, 2 Quote, 3 SnapQuote). */
    static int modeOf(int length) {
        return switch (length) {
            case LTP -> 1;
            case QUOTE -> 2;
            case SNAP_QUOTE -> 3;
            default -> 0;
        };
    }

    /** The token field: ASCII up to the first NUL. */
    static String token(byte[] packet) {
        int end = TOKEN_AT;
        while (end < TOKEN_AT + TOKEN_BYTES && packet[end] != 0) {
            end++;
        }
        return new String(packet, TOKEN_AT, end - TOKEN_AT, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static Instant epochMillis(long ms) {
        return ms > 0 ? Instant.ofEpochMilli(ms) : null;
    }

    private static Instant lastTradeTime(long value) {
        if (value <= 0) {
            return null;
        }
        return value < SECONDS_LIMIT ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value);
    }

    private static Result problem(DecodeProblem p) {
        return new Result(null, p);
    }
}
