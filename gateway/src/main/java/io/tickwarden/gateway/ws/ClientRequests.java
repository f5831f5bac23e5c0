package io.tickwarden.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickwarden.contracts.gateway.GatewayErrorCodes;
import io.tickwarden.gateway.domain.CandleInterval;
import io.tickwarden.gateway.domain.Mode;
import io.tickwarden.gateway.domain.SymbolFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one client message. Every way it can be wrong maps to an error code; nothing here throws, and no client
 * text is echoed without being made printable and short.
 */
public final class ClientRequests {

    /** A parsed request or the error to answer with. */
    public sealed interface Parsed
            permits Subscribe, Unsubscribe, SubscribeCandles, UnsubscribeCandles, Ping, Invalid {}

    /**
     * @param positions symbol to the client's position (the last seq it received), for recovery; null when the
     *                  subscribe carried none. A value that is not a positive whole number is kept as 0, so the
     *                  symbol fails recovery with BAD_POSITION instead of failing the whole message.
     */
    public record Subscribe(List<String> symbols, Mode mode, Map<String, Long> positions) implements Parsed {

        public Subscribe(List<String> symbols, Mode mode) {
            this(symbols, mode, null);
        }
    }

    public record Unsubscribe(List<String> symbols) implements Parsed {}

    public record SubscribeCandles(List<String> symbols, CandleInterval interval) implements Parsed {}

    public record UnsubscribeCandles(List<String> symbols, CandleInterval interval) implements Parsed {}

    public record Ping() implements Parsed {}

    public record Invalid(String code, String message) implements Parsed {}

    static final String ACTIONS = "subscribe, unsubscribe, subscribe_candles, unsubscribe_candles or ping";

    /** Mode of a subscribe that names none. */
    public static final Mode DEFAULT_MODE = Mode.QUOTE;

    private final ObjectMapper json;

    public ClientRequests(ObjectMapper json) {
        this.json = json;
    }

    public Parsed parse(String text) {
        JsonNode n;
        try {
            n = json.readTree(text);
        } catch (Exception e) {
            return new Invalid(GatewayErrorCodes.BAD_JSON, "message is not valid JSON");
        }
        if (n == null || n.isMissingNode()) {
            return new Invalid(GatewayErrorCodes.BAD_JSON, "message is empty");
        }
        if (!n.isObject()) {
            return new Invalid(GatewayErrorCodes.BAD_REQUEST, "message must be a JSON object with an \"action\"");
        }
        JsonNode action = n.get("action");
        if (action == null || !action.isTextual()) {
            return new Invalid(GatewayErrorCodes.UNKNOWN_ACTION, "missing \"action\"; expected " + ACTIONS);
        }
        return switch (action.asText()) {
            case "subscribe" -> subscribe(n);
            case "unsubscribe" -> {
                Object symbols = symbols(n);
                yield symbols instanceof Invalid i ? i : new Unsubscribe(castList(symbols));
            }
            case "subscribe_candles", "unsubscribe_candles" ->
                candles(n, action.asText().startsWith("subscribe"));
            case "ping" -> new Ping();
            default ->
                new Invalid(
                        GatewayErrorCodes.UNKNOWN_ACTION,
                        "unknown action '" + SymbolFormat.printable(action.asText()) + "'; expected " + ACTIONS);
        };
    }

    private static Parsed candles(JsonNode n, boolean subscribe) {
        CandleInterval interval = CandleInterval.ONE_MINUTE;
        JsonNode i = n.get("interval");
        if (i != null && !i.isNull()) {
            var parsed = i.isTextual() ? CandleInterval.parse(i.asText()) : java.util.Optional.<CandleInterval>empty();
            if (parsed.isEmpty()) {
                return new Invalid(
                        GatewayErrorCodes.BAD_REQUEST,
                        "unknown interval '" + SymbolFormat.printable(i.asText()) + "'; expected "
                                + CandleInterval.labels());
            }
            interval = parsed.get();
        }
        Object symbols = symbols(n);
        if (symbols instanceof Invalid invalid) {
            return invalid;
        }
        return subscribe
                ? new SubscribeCandles(castList(symbols), interval)
                : new UnsubscribeCandles(castList(symbols), interval);
    }

    private Parsed subscribe(JsonNode n) {
        Mode mode = DEFAULT_MODE;
        JsonNode m = n.get("mode");
        if (m != null && !m.isNull()) {
            var parsed = m.isTextual() ? Mode.fromWire(m.asText()) : java.util.Optional.<Mode>empty();
            if (parsed.isEmpty()) {
                return new Invalid(
                        GatewayErrorCodes.UNKNOWN_MODE,
                        "unknown mode '" + SymbolFormat.printable(m.asText()) + "'; expected ltp, quote or full");
            }
            mode = parsed.get();
        }
        Object symbols = symbols(n);
        if (symbols instanceof Invalid i) {
            return i;
        }
        JsonNode p = n.get("positions");
        if (p == null || p.isNull()) {
            return new Subscribe(castList(symbols), mode);
        }
        if (!p.isObject()) {
            return new Invalid(
                    GatewayErrorCodes.BAD_REQUEST,
                    "\"positions\" must be an object of symbol to the last seq received");
        }
        Map<String, Long> positions = new LinkedHashMap<>();
        p.fields().forEachRemaining(e -> positions.put(e.getKey().trim(), position(e.getValue())));
        return new Subscribe(castList(symbols), mode, positions);
    }

    /** A position as sent, or 0 (not a position) when it is not a whole number that fits a long. */
    private static long position(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToLong() ? v.asLong() : 0;
    }

    private static Object symbols(JsonNode n) {
        JsonNode s = n.get("symbols");
        if (s == null || !s.isArray() || s.isEmpty()) {
            return new Invalid(GatewayErrorCodes.BAD_REQUEST, "\"symbols\" must be a non-empty array of strings");
        }
        List<String> out = new ArrayList<>(s.size());
        for (JsonNode e : s) {
            if (!e.isTextual()) {
                return new Invalid(GatewayErrorCodes.BAD_REQUEST, "\"symbols\" must contain only strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }
}
