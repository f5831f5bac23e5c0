package io.tickwarden.bench.pubsub;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.feed.FeedTickBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code feed.ticks} messages as feed-service publishes them: {@link FeedTickBatch} JSON of quote-mode
 * {@link FeedTick}s, null fields left out, one upstream frame per socket of at most {@value #TICKS_PER_FRAME} ticks,
 * split into parts of {@code FEED_TICKS_MESSAGE_MAX_TICKS} (250). The publisher's timestamp travels in {@code epoch}
 * as {@value #STAMP_BASE} + nanoseconds since a shared base: a valid long of a fixed 19 digits, so a message can be
 * stamped by overwriting bytes in place and stays exactly as large as the feed's (whose epoch is a small number: 18
 * bytes more per message of about 90 KB).
 */
public final class TickMessages {

    /** Kite sends at most 3,000 instruments per WebSocket, so one frame never holds more ticks than this. */
    public static final int TICKS_PER_FRAME = 3000;

    /** Stamps are this plus nanoseconds since the base: always 19 digits while below 8e18 ns (250 years). */
    public static final long STAMP_BASE = 1_000_000_000_000_000_000L;

    private static final byte[] EPOCH_KEY = "\"epoch\":".getBytes(StandardCharsets.US_ASCII);

    /** One message ready to stamp: its JSON bytes, where the 19 stamp digits start, and how many ticks it holds. */
    public record Template(byte[] json, int stampOffset, int ticks) {}

    private TickMessages() {}

    /**
     * The messages of one market step in which {@code ticks} instruments tick once each: frames of at most
     * {@value #TICKS_PER_FRAME} (one per upstream socket), each split into parts of {@code maxTicksPerMessage}.
     */
    public static List<Template> step(int ticks, int maxTicksPerMessage, String mode) {
        ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        String at = "2026-11-23T09:15:09.123+05:30";
        List<Template> out = new ArrayList<>();
        for (int frameStart = 0; frameStart < ticks; frameStart += TICKS_PER_FRAME) {
            int frameTicks = Math.min(TICKS_PER_FRAME, ticks - frameStart);
            int parts = (frameTicks + maxTicksPerMessage - 1) / maxTicksPerMessage;
            for (int part = 0; part < parts; part++) {
                int from = frameStart + part * maxTicksPerMessage;
                int to = Math.min(frameStart + frameTicks, from + maxTicksPerMessage);
                List<FeedTick> list = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    list.add(tick(i, mode, at));
                }
                FeedTickBatch batch =
                        new FeedTickBatch(FeedTickBatch.TYPE, "ws", STAMP_BASE, at, list.size(), part, parts, list);
                try {
                    byte[] bytes = json.writeValueAsBytes(batch);
                    out.add(new Template(bytes, indexOf(bytes, EPOCH_KEY) + EPOCH_KEY.length, list.size()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    /** Writes {@link #STAMP_BASE} + {@code nanosSinceBase} into the template's epoch digits. */
    public static void stamp(Template t, long nanosSinceBase) {
        long v = STAMP_BASE + nanosSinceBase;
        byte[] b = t.json();
        for (int i = t.stampOffset() + 18; i >= t.stampOffset(); i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
    }

    /** A quote-mode tick like kite-sim's (quantities and OHLC, no times, no depth); {@code full} adds them. */
    static FeedTick tick(int i, String mode, String at) {
        double price = 100 + (i % 4000) * 0.75;
        boolean full = "full".equals(mode);
        FeedTick.Depth depth = null;
        if (full) {
            List<FeedTick.DepthLevel> buy = new ArrayList<>();
            List<FeedTick.DepthLevel> sell = new ArrayList<>();
            for (int l = 0; l < 5; l++) {
                buy.add(new FeedTick.DepthLevel(price - 0.05 * (l + 1), 25L * (l + 1), l + 1));
                sell.add(new FeedTick.DepthLevel(price + 0.05 * (l + 1), 40L * (l + 1), l + 2));
            }
            depth = new FeedTick.Depth(buy, sell);
        }
        return new FeedTick(
                100_000L + i,
                String.format("NSE:STOCK%05d", i),
                "NSE",
                full ? "full" : "quote",
                3_000_000_000L + 1_000 + i,
                "ws",
                true,
                price,
                5L + i % 50,
                price - 0.35,
                120_000L + i * 7L,
                5_400L + i,
                6_100L + i,
                new FeedTick.Ohlc(price - 5, price + 2.5, price - 10.5, price - 3),
                0.21,
                full ? "2026-11-23T09:15:08+05:30" : null,
                full ? 0L : null,
                full ? 0L : null,
                full ? 0L : null,
                full ? "2026-11-23T09:15:09+05:30" : null,
                depth,
                at);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no " + new String(needle, StandardCharsets.US_ASCII) + " in the message");
    }
}
