package io.tickwarden.gateway.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tickwarden.gateway.domain.Mode;
import io.tickwarden.gateway.domain.TickFrame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tick format of feed-service: a batch {@code {"type":"ticks","source","epoch","at","count","ticks":[FeedTick]}}
 * on {@code feed.ticks}, and single {@code FeedTick} objects as values of {@code feed:quotes}
 * ({@code io.tickwarden.contracts.feed.FeedTick}). Also renders a tick for a client's mode: each mode gets the
 * fields of the previous one plus its own, and nulls are left out.
 */
public final class TickFormat {

    private static final List<String> LTP_FIELDS = List.of("symbol", "instrument_token", "exchange", "seq",
            "last_price", "change", "source", "received_at");
    private static final List<String> QUOTE_FIELDS = List.of("last_quantity", "average_price", "volume",
            "buy_quantity", "sell_quantity", "ohlc", "tradable");
    private static final List<String> FULL_FIELDS = List.of("last_trade_time", "oi", "oi_day_high", "oi_day_low",
            "exchange_timestamp", "depth");

    private final ObjectMapper json;

    public TickFormat(ObjectMapper json) {
        this.json = json;
    }

    /**
     * One {@code feed.ticks} message: its frames, and whether it is the last (or only) part of its upstream frame
     * ({@code part}/{@code parts}; a message without them is complete in itself).
     */
    public record Batch(List<TickFrame> frames, boolean lastPart) {
    }

    /** Frames of one {@code feed.ticks} message; a single tick object or a bare array is accepted too. */
    public List<TickFrame> batch(String message) throws JsonProcessingException {
        return parse(message).frames();
    }

    /** {@link #batch} with the message's place in its upstream frame. */
    public Batch parse(String message) throws JsonProcessingException {
        JsonNode root = json.readTree(message);
        boolean lastPart = !root.isObject() || !root.has("parts") || !root.has("part")
                || root.path("part").asInt() >= root.path("parts").asInt() - 1;
        return new Batch(frames(root), lastPart);
    }

    private List<TickFrame> frames(JsonNode root) {
        long at = 0;
        JsonNode ticks;
        if (root.isArray()) {
            ticks = root;
        } else if (root.has("ticks")) {
            ticks = root.get("ticks");
            at = millis(root.path("at").asText(null));
        } else {
            ticks = json.createArrayNode().add(root);
        }
        List<TickFrame> out = new ArrayList<>(ticks.size());
        for (JsonNode t : ticks) {
            frame(t, at).ifPresent(out::add);
        }
        return out;
    }

    /** One {@code feed:quotes} value. */
    public Optional<TickFrame> quote(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return frame(json.readTree(value), 0);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private Optional<TickFrame> frame(JsonNode t, long batchAt) {
        if (!t.isObject() || !t.hasNonNull("symbol") || !t.hasNonNull("last_price")) {
            return Optional.empty();
        }
        ObjectNode tick = (ObjectNode) t;
        long published = batchAt != 0 ? batchAt : millis(tick.path("received_at").asText(null));
        return Optional.of(new TickFrame(tick.get("symbol").asText(), tick.path("seq").asLong(0), published,
                mode -> render(tick, mode)));
    }

    private String render(ObjectNode tick, Mode mode) {
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
            return json.writeValueAsString(out);
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
