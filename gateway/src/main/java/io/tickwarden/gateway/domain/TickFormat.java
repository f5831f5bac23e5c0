package io.tickwarden.gateway.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickwarden.contracts.feed.FeedTick;
import io.tickwarden.contracts.feed.FeedTickBatch;
import io.tickwarden.gateway.redis.UpstreamFormats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tick format of feed-service: a {@link FeedTickBatch} on {@code feed.ticks}, and single {@link FeedTick}s as
 * values of {@code feed:quotes}. Also renders a tick for a client's mode: each mode gets the fields of the previous
 * one plus its own, and nulls are left out. The field lists name {@link FeedTick}'s components; TickFormatTest fails
 * when they and the record disagree, so a renamed component fails the build, not the clients.
 */
public final class TickFormat {

    private static final List<String> LTP_FIELDS =
            List.of("symbol", "instrument_token", "exchange", "seq", "last_price", "change", "source", "received_at");
    private static final List<String> QUOTE_FIELDS =
            List.of("last_quantity", "average_price", "volume", "buy_quantity", "sell_quantity", "ohlc", "tradable");
    private static final List<String> FULL_FIELDS =
            List.of("last_trade_time", "oi", "oi_day_high", "oi_day_low", "exchange_timestamp", "depth");

    private final ObjectMapper json;

    public TickFormat(ObjectMapper json) {
        this.json = json;
    }

    /**
     * One {@code feed.ticks} message: its frames, and whether it is the last (or only) part of its upstream frame
     * ({@code part}/{@code parts}; a message without them is complete in itself).
     */
    public record Batch(List<TickFrame> frames, boolean lastPart) {}

    /** Frames of one {@code feed.ticks} message. */
    public List<TickFrame> batch(String message) throws JsonProcessingException {
        return parse(message).frames();
    }

    /** {@link #batch} with the message's place in its upstream frame. */
    public Batch parse(String message) throws JsonProcessingException {
        FeedTickBatch batch = json.readValue(message, FeedTickBatch.class);
        long at = millis(batch.at());
        List<FeedTick> ticks = batch.ticks() == null ? List.of() : batch.ticks();
        List<TickFrame> out = new ArrayList<>(ticks.size());
        for (FeedTick t : ticks) {
            frame(t, at).ifPresent(out::add);
        }
        // Without part/parts (both 0) a message is complete in itself.
        return new Batch(out, batch.part() >= batch.parts() - 1);
    }

    /** One {@code feed:quotes} value. */
    public Optional<TickFrame> quote(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return frame(json.readValue(value, FeedTick.class), 0);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private Optional<TickFrame> frame(FeedTick t, long batchAt) {
        if (t == null || t.symbol() == null) {
            return Optional.empty();
        }
        long published = batchAt != 0 ? batchAt : millis(t.received_at());
        // The tree is built once, on the first mode rendered; TickFrame renders each mode at most once.
        ObjectNode[] tree = new ObjectNode[1];
        return Optional.of(new TickFrame(t.symbol(), t.seq(), published, mode -> {
            if (tree[0] == null) {
                tree[0] = json.valueToTree(t);
            }
            return render(tree[0], mode);
        }));
    }

    private byte[] render(ObjectNode tick, Mode mode) {
        ObjectNode out = json.createObjectNode();
        copy(tick, out, LTP_FIELDS);
        out.put("mode", mode.wire());
        if (mode != Mode.LTP) {
            copy(tick, out, QUOTE_FIELDS);
        }
        if (mode == Mode.FULL) {
            copy(tick, out, FULL_FIELDS);
        }
        try {
            return json.writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(ObjectNode from, ObjectNode to, List<String> fields) {
        for (String f : fields) {
            JsonNode v = from.get(f);
            if (v != null && !v.isNull()) {
                to.set(f, v);
            }
        }
    }

    /** Field names a mode carries (for docs and tests). */
    public static Set<String> fieldsOf(Mode mode) {
        Set<String> s = new java.util.LinkedHashSet<>(LTP_FIELDS);
        s.add("mode");
        if (mode != Mode.LTP) {
            s.addAll(QUOTE_FIELDS);
        }
        if (mode == Mode.FULL) {
            s.addAll(FULL_FIELDS);
        }
        return s;
    }

    private static long millis(String iso) {
        Instant i = UpstreamFormats.parseInstant(iso);
        return i == null ? 0 : i.toEpochMilli();
    }
}
